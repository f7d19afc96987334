// node cpuwin.mjs file [fromMs toMs] [top]: timeline of busy ms per 250ms bucket, or self time in a window (ms from profile start)
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const from = process.argv[3] === undefined ? null : Number(process.argv[3]);
const to = Number(process.argv[4]); const top = Number(process.argv[5] ?? 45);
let t = 0; const buckets = []; const self = new Map(); let total = 0;
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (let i = 0; i < p.samples.length; i++) {
  const d = p.timeDeltas[i] ?? 0; t += d; const n = byId.get(p.samples[i]); const name = n.callFrame.functionName;
  const idle = name === '(idle)';
  const b = Math.floor(t / 250000); buckets[b] = (buckets[b] ?? 0) + (idle ? 0 : d);
  if (from !== null && t / 1000 >= from && t / 1000 < to && !idle) {
    total += d; const cf = n.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + d);
    const seen = new Set(); let id = n.id;
    while (id !== undefined) { const f = byId.get(id).callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + d); } id = parent.get(id); }
  }
}
if (from === null) { console.log(buckets.map((v, i) => `${(i * 0.25).toFixed(2)}s:${((v ?? 0) / 1000).toFixed(0)}`).join(' ')); process.exit(0); }
console.log(`busy ${(total / 1000).toFixed(0)} ms in window`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
if (process.env.INCL) { console.log('--- inclusive'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.INCL))) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`); }
