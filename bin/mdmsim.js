#!/usr/bin/env node
// The `mdmsim` command: runs the scenario runner from the build (dist/) when there is one, else from source via tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/runner/cli.js', import.meta.url);
let cli;
if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../runner/cli.ts', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
