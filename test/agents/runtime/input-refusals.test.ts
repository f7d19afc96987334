// What a device says when its user's input does not fit the screen: the reason a phone would give, or nothing at all.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatedDevice } from '../../../agents/runtime/emulated-device.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { deviceSetup } from '../../support/device-setup.js';

const T0 = Date.UTC(2026, 0, 5, 9);
const clock = new ControllableClock({ now: T0, speed: 0 });
afterEach(() => clock.stop());

describe('an input the screen does not take', () => {
  it('is nothing at all for Home on the Home screen, as a Home button there does nothing', () => {
    const device = startEmulatedDevice(deviceSetup(T0), clock);
    expect(device.state().screen.view).toBe('home');
    expect(device.applyInput({ type: 'goHome' })).toEqual({ accepted: true });
    expect(device.state().screen.view).toBe('home');
  });

  it('names the notification the device does not show', () => {
    const device = startEmulatedDevice(deviceSetup(T0), clock);
    expect(device.applyInput({ type: 'tapNotification', notificationId: 'nothing-here' })).toEqual({
      accepted: false,
      reason: 'The device shows no notification "nothing-here".',
    });
  });

  it('still names the screen for an input it cannot take there', () => {
    const device = startEmulatedDevice(deviceSetup(T0), clock);
    expect(device.applyInput({ type: 'dismissPrompt' })).toEqual({
      accepted: false,
      reason: 'The device cannot take "dismissPrompt" on the screen "Home".',
    });
  });
});
