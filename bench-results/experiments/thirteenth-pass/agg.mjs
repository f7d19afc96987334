// node agg.mjs file.cpuprofile fromMs toMs : self time by package/module group within a window (ms since profile start)
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const from = Number(process.argv[3] ?? 0), to = Number(process.argv[4] ?? 1e12);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const group = (url, fn) => {
  if (!url) return fn.startsWith('(') ? fn : `native ${fn}`;
  const m = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const n = url.match(/\/(server|agents|shared|lib|bench|runner)\/(.*)$/);
  if (n) return `${n[1]}/${n[2].split('/')[0]}`;
  return url;
};
const self = new Map(); let t = 0, total = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i] ?? 0;
  const ms = t / 1000; if (ms < from || ms > to) continue;
  const d = p.timeDeltas[i + 1] ?? 0; total += d;
  const cf = byId.get(p.samples[i]).callFrame;
  const k = group(cf.url, cf.functionName);
  self.set(k, (self.get(k) ?? 0) + d);
}
console.log(`window ${from}-${to} ms: ${(total / 1000).toFixed(0)} ms`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[5] ?? 30)))
  console.log(`${(v / 1000).toFixed(1).padStart(8)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
