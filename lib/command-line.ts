// The command-line tools' flag parsing: a wrong flag is a usage error (a message and exit 2), never a stack trace.
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** `parseArgs` in strict mode over this process's arguments; exits 2 with the tool's name and the reason on a bad flag. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(tool: string, options: T) {
  try {
    return parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false });
  } catch (error) {
    process.stderr.write(`${tool}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
