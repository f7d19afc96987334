// /metrics speaks Prometheus: connected devices, actions by state, command round trips, throttling, event-loop lag.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { adminClient } from '../support/admin-client.js';
import { useSimulation } from '../support/use-simulation.js';

/** The value of one sample line, such as `mdmsim_actions{state="done"} 1`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('/metrics', () => {
  const sim = useSimulation({
    // One write per window, so the second resetPasscode below is throttled for real.
    throttling: {
      windowSeconds: 20,
      writesPerAppPerTenant: 1,
      writesPerTenant: 100,
      requestsPerAppPerTenant: 100,
      requestsPerTenant: 100,
    },
    fleet: {
      devices: [
        { name: 'android', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
        { name: 'mac', enrollment: 'macOS', osVersion: '14.0', passcode: '1234' },
      ],
    },
  });

  it('counts devices, actions by state and command round trips, without authentication', async () => {
    const android = sim.deviceId('android');
    await adminClient(sim).resetPasscode(android).expect(204);
    await sim.waitForAction(android, (action) => action.state === 'done');
    await adminClient(sim).resetPasscode(sim.deviceId('mac')).expect(429);

    const response = await request(sim.url).get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.text;
    expect(sample(text, 'mdmsim_connected_devices')).toBe(2);
    expect(sample(text, 'mdmsim_enrolled_devices')).toBe(2);
    expect(sample(text, 'mdmsim_actions{state="done"}')).toBe(1);
    expect(sample(text, 'mdmsim_actions{state="notSupported"}')).toBe(0);
    expect(sample(text, 'mdmsim_actions{state="pending"}')).toBe(0);
    expect(sample(text, 'mdmsim_command_round_trip_seconds_count')).toBe(1);
    expect(sample(text, 'mdmsim_graph_throttled_requests_total')).toBe(1);
    // Counted by the wrapper around the remote-action service: the throttled request never reached it.
    expect(sample(text, 'mdmsim_reset_passcode_requests_total{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).not.toContain(sim.adminToken);
  });
});
