import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    // Vitest keeps one core for itself (one worker on a 2-core machine), but most of the suite's time is spent waiting
    // on other processes (the Docker build, Chromium, the benchmark's children): two files at a time even there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Imports its JSON schema without an import attribute, which Node 20 refuses; vite's transform handles it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
