#!/usr/bin/env node
// The `mdmsim` command: runs the compiled CLI (dist/cli/mdmsim.js); in a checkout without a build, the TypeScript via tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/mdmsim.js', import.meta.url);
let cli;
if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../cli/mdmsim.ts', import.meta.url).href);
}
const status = await cli.main(process.argv.slice(2));
if (status !== undefined) process.exitCode = status;
