// The start banner's command for agents: one that runs them where the server was started from.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsCommandFor } from '../../server/agents-command.js';

describe('the banner’s agents command', () => {
  it('names npm run agents in a checkout, the package’s bin when installed, the agents’ entry when compiled', () => {
    expect(agentsCommandFor('/work/mdmsim/server/main.ts', '/work/mdmsim')).toBe('npm run agents --');
    expect(agentsCommandFor('/home/qa/app/node_modules/mdmsim/dist/server/main.js', '/home/qa/app')).toBe(
      'npx --no mdmsim agents',
    );
    // The image and a compiled checkout: the agents' own entry (the CLI module only exports main), relative when below.
    expect(agentsCommandFor('/app/dist/server/main.js', '/app')).toBe('node dist/agents/main.js');
    expect(agentsCommandFor('/app/dist/server/main.js', '/tmp')).toBe('node /app/dist/agents/main.js');
    // What tsc compiles to dist/agents/main.js is the agents' entry point.
    expect(existsSync(join(import.meta.dirname, '../../agents/main.ts'))).toBe(true);
  });
});
