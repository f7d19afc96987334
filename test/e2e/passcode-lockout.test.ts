// Repeated wrong passcodes lock passcode entry out as the OS does, on the simulated clock: no brute force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { adminClient, deviceUser, temporaryPasscode } from '../support/admin-client.js';

const MINUTE = 60_000;

describe('passcode lockout', () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [
          { name: 'iphone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '246810' },
          { name: 'galaxy', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1357' },
          { name: 'locked iphone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '246810' },
          {
            name: 'locked galaxy',
            enrollment: 'androidDeviceAdministrator',
            osVersion: '6.0',
            passcode: '1357',
          },
          {
            name: 'ipad',
            enrollment: 'iosDeviceEnrollment',
            osVersion: '17.4',
            model: 'iPad Air',
            passcode: '246810',
          },
          { name: 'old iphone', enrollment: 'iosDeviceEnrollment', osVersion: '14.8', passcode: '246810' },
          { name: 'mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'mac-pass' },
          { name: 'surface', enrollment: 'windows', osVersion: '10.0.22631', passcode: 'win-pass' },
          { name: 'old surface', enrollment: 'windows', osVersion: '10.0.19045', passcode: 'win-pass' },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  const messageOf = async (response: { body: { error?: { message: string } } }) =>
    response.body.error?.message;

  it('iOS: one minute after the fifth wrong passcode, five after the sixth; even the right one waits', async () => {
    const id = sim.deviceId('iphone');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await messageOf(await user.act({ type: 'unlock', passcode: '000000' }).expect(409))).toBe(
        'Wrong passcode. Try again.',
      );
    }
    const fifth = await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    expect(await messageOf(fifth)).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect(sim.device(id).state.screen.message).toBe('iPhone Unavailable. Try again in 1 minute.');
    // Locked out: the right passcode is refused and wrong ones are not counted.
    for (let attempt = 0; attempt < 20; attempt++) {
      await user.act({ type: 'unlock', passcode: String(attempt).padStart(6, '0') }).expect(409);
    }
    const right = await user.act({ type: 'unlock', passcode: '246810' }).expect(409);
    expect(await messageOf(right)).toContain('iPhone Unavailable');
    sim.advanceClock(MINUTE - 1_000);
    await user.act({ type: 'unlock', passcode: '246810' }).expect(409);
    sim.advanceClock(1_000);
    await sim.waitForDevice(id, (d) => d.state.screen.message === null);
    const sixth = await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    expect(await messageOf(sixth)).toBe('iPhone Unavailable. Try again in 5 minutes.');
    sim.advanceClock(5 * MINUTE);
    await sim.waitForDevice(id, (d) => d.state.screen.message === null);
    const home = await user.act({ type: 'unlock', passcode: '246810' }).expect(200);
    expect(home.body.state.screen.view).toBe('home');
    // The right passcode starts the count again.
    await user.act({ type: 'lock' }).expect(200);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    }
    await user.act({ type: 'unlock', passcode: '246810' }).expect(200);
  });

  it('Android: 30 seconds after the fifth wrong passcode; the right one starts the count again', async () => {
    const id = sim.deviceId('galaxy');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.act({ type: 'unlock', passcode: '0000' }).expect(409);
    }
    const fifth = await user.act({ type: 'unlock', passcode: '0000' }).expect(409);
    expect(await messageOf(fifth)).toBe('Too many incorrect attempts. Try again in 30 seconds.');
    await user.act({ type: 'unlock', passcode: '1357' }).expect(409);
    sim.advanceClock(30_000);
    await sim.waitForDevice(id, (d) => d.state.screen.message === null);
    await user.act({ type: 'unlock', passcode: '1357' }).expect(200);
    // After the right passcode the count starts again: five more wrong ones wait 30 seconds again.
    await user.act({ type: 'lock' }).expect(200);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.act({ type: 'unlock', passcode: '0000' }).expect(409);
    }
    const tenth = await user.act({ type: 'unlock', passcode: '0000' }).expect(409);
    expect(await messageOf(tenth)).toContain('Try again in 30 seconds');
  });

  it('iOS: Remove passcode lets a locked-out user in, as Intune offers it for', async () => {
    const id = sim.deviceId('locked iphone');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 9; attempt++) {
      await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
      // Each lockout passes before the next try, as a user waiting it out would.
      sim.advanceClock(60 * MINUTE);
      await sim.waitForDevice(id, (d) => d.state.screen.message === null || attempt < 5);
    }
    const locked = await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    expect(await messageOf(locked)).toBe('iPhone Unavailable. Try again in 60 minutes.');
    await adminClient(sim).resetPasscode(id).expect(204);
    await sim.waitForAction(id, (action) => action.state === 'done');
    // No passcode, no lockout: the lock screen opens at once, and the message is gone.
    expect(sim.device(id).state.screen.message).toBeNull();
    const home = await user.act({ type: 'unlock' }).expect(200);
    expect(home.body.state.screen.view).toBe('home');
  });

  it('Android: Reset passcode lets a locked-out user in with the new passcode at once', async () => {
    const id = sim.deviceId('locked galaxy');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await user.act({ type: 'unlock', passcode: '0000' }).expect(409);
    }
    expect(sim.device(id).state.screen.message).toContain('Try again in 30 seconds');
    await adminClient(sim).resetPasscode(id).expect(204);
    await sim.waitForAction(id, (action) => action.state === 'done');
    const passcode = await temporaryPasscode(sim, id);
    await user.act({ type: 'unlock', passcode }).expect(200);
  });

  it('iPadOS: the lockout names the iPad', async () => {
    const id = sim.deviceId('ipad');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    }
    const fifth = await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    expect(await messageOf(fifth)).toBe('iPad Unavailable. Try again in 1 minute.');
  });

  it('iOS before 15.2: the iPhone says it is disabled', async () => {
    const user = deviceUser(sim, sim.deviceId('old iphone'));
    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    }
    const fifth = await user.act({ type: 'unlock', passcode: '000000' }).expect(409);
    expect(await messageOf(fifth)).toBe('iPhone is disabled. Try again in 1 minute.');
  });

  it("macOS: Apple's delays at the login window, in the Mac's words, not Android's", async () => {
    const id = sim.deviceId('mac');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.act({ type: 'unlock', passcode: 'nope' }).expect(409);
    }
    const fifth = await user.act({ type: 'unlock', passcode: 'nope' }).expect(409);
    expect(await messageOf(fifth)).toBe('Too many failed password attempts. Try again in 1 minute.');
    sim.advanceClock(MINUTE);
    await sim.waitForDevice(id, (d) => d.state.screen.message === null);
    const sixth = await user.act({ type: 'unlock', passcode: 'nope' }).expect(409);
    expect(await messageOf(sixth)).toBe('Too many failed password attempts. Try again in 5 minutes.');
  });

  it("Windows 11: the 10th wrong password locks the account for 10 minutes (Windows' default policy)", async () => {
    const id = sim.deviceId('surface');
    const user = deviceUser(sim, id);
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect(await messageOf(await user.act({ type: 'unlock', passcode: 'nope' }).expect(409))).toBe(
        'Wrong passcode. Try again.',
      );
    }
    const tenth = await user.act({ type: 'unlock', passcode: 'nope' }).expect(409);
    const lockedOut = 'The referenced account is currently locked out and may not be logged on to.';
    expect(await messageOf(tenth)).toBe(lockedOut);
    expect(await messageOf(await user.act({ type: 'unlock', passcode: 'win-pass' }).expect(409))).toBe(
      lockedOut,
    );
    sim.advanceClock(10 * MINUTE);
    await sim.waitForDevice(id, (d) => d.state.screen.message === null);
    await user.act({ type: 'unlock', passcode: 'win-pass' }).expect(200);
  });

  it('Windows 10: no lockout by default, however many wrong passwords', async () => {
    const user = deviceUser(sim, sim.deviceId('old surface'));
    for (let attempt = 1; attempt <= 15; attempt++) {
      expect(await messageOf(await user.act({ type: 'unlock', passcode: 'nope' }).expect(409))).toBe(
        'Wrong passcode. Try again.',
      );
    }
    await user.act({ type: 'unlock', passcode: 'win-pass' }).expect(200);
  });
});
