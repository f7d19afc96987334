import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    // Imports its JSON schema without an import attribute, which Node 20 refuses; vite's transform handles it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
