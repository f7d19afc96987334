// node connect-only.mjs REPO [devices]: server + devices alone; seconds from the devices' spawn to all connected.
// MODE=compiled (REPO/dist, built beforehand) or tsx (the sources through tsx); WHO=mdmsim or bare (the baseline).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const repo = process.argv[2]; const devices = Number(process.argv[3] ?? 10000);
const tsx = process.env.MODE === 'tsx'; const bare = process.env.WHO === 'bare';
const root = tsx ? repo : join(repo, 'dist');
const ext = tsx ? '.ts' : '.js';
const { benchFleet } = await import(join(repo, 'dist', 'bench/bench-fleet.js'));
const name = 'conn-' + process.pid;
const fleet = benchFleet(devices, name);
const file = `/tmp/conn-fleet-${process.pid}.json`; writeFileSync(file, JSON.stringify(fleet.spec));
const port = 20000 + (process.pid % 10000);
const tok = 'x'.repeat(32);
const env = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', MDMSIM_THROTTLING: 'off', MDMSIM_HTTPS_PORT: '0', MDMSIM_DATA_DIR: `/tmp/conn-data-${process.pid}`, PORT: String(port), HOST: '127.0.0.1', MDMSIM_DEFAULT_FLEET: 'false', MDMSIM_ADMIN_TOKEN: tok, MDMSIM_SIM_TOKEN: tok, MDMSIM_ENROLLMENT_TOKEN: tok };
const sh = (script, e, extra = []) => spawn('bash', ['-c', 'ulimit -n 20000; exec "$0" "$@"', process.execPath, ...(tsx ? ['--import', 'tsx'] : []), ...extra, script + ext], { cwd: root, env: e, stdio: ['ignore', 'ignore', 'inherit'] });
const server = bare ? sh('bench/bare-ws-server', env) : sh('server/main', env);
const health = async () => { try { return await (await fetch(`http://127.0.0.1:${port}/health`)).json(); } catch { return null; } };
while (!(await health())) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 1500));
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const s0 = cpu(server.pid);
const t0 = performance.now();
const extra = process.env.AGENT_ARGS ? process.env.AGENT_ARGS.split(' ') : [];
const agents = bare
  ? sh('bench/bare-ws-clients', { ...env, BENCH_WS_URL: `ws://127.0.0.1:${port}/`, BENCH_DEVICES: String(fleet.total), BENCH_FLEET: name }, extra)
  : sh('agents/main', { ...env, MDMSIM_SERVER_URL: `http://127.0.0.1:${port}`, MDMSIM_FLEET_FILE: file, MDMSIM_FLEET_NAME: name }, extra);
let first = 0; let h;
for (;;) { h = await health(); if (h && h.connected > 0 && !first) first = performance.now() - t0; if (h && h.connected >= fleet.total) break; await new Promise((r) => setTimeout(r, 20)); }
const t = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds: +t.toFixed(2), firstConnectedMs: Math.round(first), agentsCpu: cpu(agents.pid), serverCpu: +(cpu(server.pid) - s0).toFixed(2) }));
agents.kill(); server.kill(); await new Promise((r) => agents.once('exit', r)); process.exit(0);
