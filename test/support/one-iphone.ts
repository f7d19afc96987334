// The simulation the Graph request tests share: one iPhone, no throttling, so each file's many calls are all answered.
import type { SimulationOptions } from '../../runner/simulation.js';

export const ONE_IPHONE: SimulationOptions = {
  fleet: {
    devices: [{ name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }],
  },
  throttling: null,
};
