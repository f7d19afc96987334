// node cpufn.mjs file fnName : timeline (250ms buckets) of samples whose stack includes fnName
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8')); const fn = process.argv[3];
const byId = new Map(p.nodes.map((n) => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const has = new Map(); const hit = (id) => { if (has.has(id)) return has.get(id); const n = byId.get(id); const r = n.callFrame.functionName === fn || (parent.has(id) && hit(parent.get(id))); has.set(id, r); return r; };
let t = 0; const b = [];
for (let i = 0; i < p.samples.length; i++) { t += p.timeDeltas[i] ?? 0; if (hit(p.samples[i])) { const k = Math.floor(t / 100000); b[k] = (b[k] ?? 0) + (p.timeDeltas[i] ?? 0); } }
console.log(b.map((v, i) => v ? `${(i / 10).toFixed(1)}:${(v / 1000).toFixed(0)}` : null).filter(Boolean).join(' '));
