// `npm run fuzz`: the large fuzz run (100,000 cases by default: half HTTP bodies and queries, half device frames).
import { startSimulation } from '../../runner/simulation.js';
import { emptyFigures, fuzzFrames, fuzzHttp } from './fuzz-targets.js';

const total = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const chunk = 5_000;

async function main() {
  const sim = await startSimulation({
    fleet: {
      devices: [
        { name: 'target', enrollment: 'androidWorkProfile', osVersion: '9.0', passcode: '13572468' },
        { name: 'bystander', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
      ],
    },
  });
  const figures = emptyFigures();
  const started = performance.now();
  process.stdout.write(`fuzz: ${total} cases, seed ${seed}\n`);
  try {
    for (let done = 0; done < total / 2; done += chunk) {
      const runs = Math.min(chunk, total / 2 - done);
      await fuzzHttp(sim, runs, seed + done, figures);
      await fuzzFrames(sim, runs, seed + done, figures);
      const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
      process.stdout.write(
        `  ${figures.cases} cases, ${figures.requests} requests, ${figures.frames} frames, heap ${heapMb} MB\n`,
      );
    }
  } finally {
    await sim.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `fuzz: ${figures.cases} cases in ${seconds} s: ${figures.requests} HTTP requests (statuses ${JSON.stringify(figures.statuses)}), ${figures.frames} frames (closes ${JSON.stringify(figures.closeCodes)}); 0 failures\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
