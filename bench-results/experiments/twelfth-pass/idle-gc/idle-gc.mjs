// experiment: after a busy spell, once the loop has been idle 150 ms, run a full collection
import { performance } from 'node:perf_hooks';
const gc = globalThis.gc;
if (gc) {
  let last = performance.eventLoopUtilization(); let busySince = false; let idleTicks = 0;
  const t = setInterval(() => {
    const now = performance.eventLoopUtilization(); const d = performance.eventLoopUtilization(now, last); last = now;
    if (d.utilization > 0.3) { busySince = true; idleTicks = 0; return; }
    if (d.utilization < 0.05 && busySince) { if (++idleTicks >= 3) { busySince = false; idleTicks = 0; const s = performance.now(); gc(); if (process.env.IDLE_GC_LOG) process.stderr.write(`idle gc ${process.pid} ${(performance.now()-s).toFixed(0)} ms\n`); last = performance.eventLoopUtilization(); } } else idleTicks = 0;
  }, 50);
  t.unref();
}
