// Loaded into a measured process (node --expose-gc --import): on SIGWINCH (which no one else listens to) it collects
// garbage and writes its memory.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
const collect = (globalThis as { gc?: () => void }).gc;
if (file && collect) {
  process.on('SIGWINCH', () => {
    collect();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
