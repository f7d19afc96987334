import pino from 'pino';
import { FleetSpec } from '../../../agents/fleet/fleet-spec.js';
import { createFleet } from '../../../agents/runtime/fleet-runner.js';
import { limitV8Inlining } from '../../../lib/v8-inlining-budget.js';
limitV8Inlining();
const policy = { passcodeRequired: true, minLength: 6 };
const kind = process.argv[2];
const entries: Record<string, object> = {
  iphone: { name: 'P {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '123456', policy },
  ipad: { name: 'P {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '2468' },
  wp: { name: 'P {n}', enrollment: 'androidWorkProfile', osVersion: '9.0', passcode: '975310', policy, resetTokenActivated: true },
  da: { name: 'P {n}', enrollment: 'androidDeviceAdministrator', osVersion: '6.0.1', passcode: '1111' },
};
for (let pass = 0; pass < 3; pass++) {
const spec = FleetSpec.parse({ devices: [{ ...entries[kind], count: 3000 }] });
const fleet = createFleet(spec, { serverUrl: 'http://127.0.0.1:9', enrollmentToken: 'x', fleetName: 'f' + pass, logger: pino({ level: 'silent' }) });
const t = process.cpuUsage();
fleet.agents.forEach((agent, i) => {
  const token = agent.inventory.unlockToken;
  const req: any = agent.inventory.enrollment.startsWith('ios') ? { requestType: 'ClearPasscode', ...(token ? { unlockToken: token } : {}) } : { requestType: 'ResetPassword', newPassword: '13572468', flags: 1 };
  const r = agent.device.runCommand('c' + i, req, fleet.clock.now());
  JSON.stringify({ type: 'result', result: r, state: agent.device.state() });
});
const u = process.cpuUsage(t);
console.log(kind, pass, Math.round((u.user + u.system) / 3000), 'µs/cmd');
void fleet.stop();
}
