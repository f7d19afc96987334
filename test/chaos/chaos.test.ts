// A small chaos run in the ordinary suite: separate server and agents processes, every fault kind, nothing lost.
import { expect, it } from 'vitest';
import { FAULT_KINDS, runChaos } from '../../chaos/chaos-run.js';

it('loses and strands no accepted reset through kills, restarts, replacements and drops', async () => {
  const report = await runChaos({
    devices: 20,
    faultsPerKind: 2,
    seed: 12,
    agentsProcesses: 2,
    maxSeconds: 150,
    settleSeconds: 60,
  });
  for (const kind of FAULT_KINDS) expect(report.faults[kind]).toBe(2);
  expect(report.accepted).toBeGreaterThan(0);
  expect({ lost: report.lost, stuck: report.stuck, unfinished: report.unfinished }).toEqual({
    lost: [],
    stuck: [],
    unfinished: [],
  });
  expect(report.finished).toBe(report.accepted);
}, 240_000);
