import { measureDeviceCommands } from '../../../bench/device-commands.js';
import { limitV8Inlining } from '../../../lib/v8-inlining-budget.js';
limitV8Inlining();
const n = Number(process.argv[2]);
const t0 = process.cpuUsage();
if (n > 0) measureDeviceCommands(n);
const w = process.cpuUsage(t0);
const c = measureDeviceCommands(10000);
console.log(n, 'warm-up ms', Math.round((w.user + w.system) / 1000), '|', c.perSliceMicros.join(' '), Math.round(c.totalMicros / 1000));
