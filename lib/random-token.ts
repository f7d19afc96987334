// The secrets mdmsim makes up (tokens, a client secret): random bytes as base64url, never starting with "-". People paste
// them after a flag (`--admin-token <token>`), and a value that starts with "-" reads as another flag to every
// command-line parser (Node's parseArgs refuses it): about one token in 64 would have made the command fail.
import { randomBytes } from 'node:crypto';

/** `bytes` random bytes from the CSPRNG as base64url, drawn again while the text would start with "-". */
export function randomToken(bytes: number): string {
  for (;;) {
    const token = randomBytes(bytes).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}
