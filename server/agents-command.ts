// The command the start banner gives for connecting agents, as it works where this server was started from.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * How to start agents beside the server at `serverModule` (its main module's path), said from `cwd`: the TypeScript in
 * a checkout (`npm start`), the installed package (`npx mdmsim serve`, or `mdmsim serve` installed globally; `--no` so
 * npx never downloads a package of that name), or a compiled checkout or the Docker image (`node dist/server/main.js`:
 * its agents are `dist/agents/main.js`; the CLI module only exports `main`, and the image has no bin/).
 */
export function agentsCommandFor(serverModule: string, cwd: string): string {
  if (serverModule.endsWith('.ts')) return 'npm run agents --';
  if (serverModule.includes(`${sep}node_modules${sep}`)) return 'npx --no mdmsim agents';
  const agents = resolve(serverModule, '../../agents/main.js');
  const fromHere = relative(cwd, agents);
  return `node ${fromHere.startsWith('..') || isAbsolute(fromHere) ? agents : fromHere}`;
}
