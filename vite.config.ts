// Builds the trainer console (console/) into dist/console/, which server/console/console-plugin.ts serves at `/`.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'console',
  base: '/',
  plugins: [preact()],
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
