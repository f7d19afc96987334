// The guided tours, one per section of the seed document: captions, what each step shows, and what it may do.
import type { GraphApi } from '../live/api.js';
import { simApi } from '../live/api.js';
import type { SimDevice } from '../types.js';

export interface TourContext {
  graph: GraphApi;
  /** The live device named `name` (throws if the fleet has none). */
  device(name: string): SimDevice;
}

export interface TourStep {
  caption: string;
  /** Which admin blade to show; `device` opens the tour's device overview. */
  admin: 'devices' | 'device' | 'actions';
  /** The device this step is about, when not the tour's first. */
  device?: string;
  /** A step the trainer may have the console perform on the live devices (the same as clicking it by hand). */
  act?: { label: string; run(context: TourContext): Promise<unknown> };
}

export interface Tour {
  id: string;
  title: string;
  /** The device names the tour follows; the first is the one the admin side opens. */
  devices: string[];
  steps: TourStep[];
}

const IPHONE = 'iPhone (passcode policy)';
const IPAD = 'iPad (no policy)';
const PIXEL = 'Pixel work profile (token not activated)';
const DEVICE_ADMIN = 'Galaxy device admin 6.0';

const removePasscode = (name: string): TourStep['act'] => ({
  label: 'Remove passcode',
  run: ({ graph, device }) => graph.resetPasscode(device(name).id),
});
const input = (name: string, label: string, body: Parameters<typeof simApi.input>[1]): TourStep['act'] => ({
  label,
  run: ({ device }) => simApi.input(device(name).id, body),
});
/** The temporary passcode as the admin reads it in Graph (the simulator API never shows it). */
const temporaryPasscode = async (graph: GraphApi, device: SimDevice) => {
  const passcode = (await graph.managedDevice(device.id)).deviceActionResults[0]?.passcode;
  if (!passcode) throw new Error('No temporary passcode yet: remove the passcode first.');
  return passcode;
};

export const tours: Tour[] = [
  {
    id: 'ios-no-policy',
    title: 'iOS, no policy',
    devices: [IPAD],
    steps: [
      {
        caption: 'The admin opens Devices › All devices in Intune. Every enrolled device is listed.',
        admin: 'devices',
      },
      {
        caption: 'The admin picks the iPad. On the right, the user’s iPad is locked with a passcode.',
        admin: 'device',
      },
      {
        caption:
          'The admin opens … More and chooses Remove passcode, then confirms. iOS removes it: no new passcode.',
        admin: 'device',
        act: removePasscode(IPAD),
      },
      {
        caption: 'The iPad now opens without a passcode. There is no policy, so nothing asks for a new one.',
        admin: 'device',
        act: input(IPAD, 'Open the iPad', { type: 'unlock' }),
      },
      {
        caption: 'Devices › Device actions shows Remove passcode with its status: Done.',
        admin: 'actions',
      },
    ],
  },
  {
    id: 'ios-policy',
    title: 'iOS + compliance policy',
    devices: [IPHONE],
    steps: [
      {
        caption: 'This iPhone has a compliance policy: a passcode of at least 6 digits. It is compliant.',
        admin: 'device',
      },
      {
        caption: 'The admin removes the passcode (… More › Remove passcode › Yes).',
        admin: 'device',
        act: removePasscode(IPHONE),
      },
      {
        caption:
          'The user opens the iPhone: Home shows the Passcode Requirement prompt, with a 60-minute countdown.',
        admin: 'device',
        act: input(IPHONE, 'Open the iPhone', { type: 'unlock' }),
      },
      {
        caption: 'The user may tap Later for now. Speed up the clock, or jump 60 minutes ahead…',
        admin: 'device',
        act: input(IPHONE, 'Tap Later', { type: 'dismissPrompt' }),
      },
      {
        caption: '…and after the deadline the prompt can no longer be put off: apps will not open.',
        admin: 'device',
        act: {
          label: 'Jump 60 minutes',
          run: () => simApi.setClock({ advanceMs: 60 * 60_000 }),
        },
      },
      {
        caption: 'The user opens Settings and sets a new passcode. The device is compliant again.',
        admin: 'device',
        act: {
          label: 'Set passcode 654321',
          run: async ({ device }) => {
            await simApi.input(device(IPHONE).id, { type: 'openSettings' });
            await simApi.input(device(IPHONE).id, { type: 'setPasscode', passcode: '654321' });
          },
        },
      },
      { caption: 'Device actions shows the Remove passcode action: Done.', admin: 'actions' },
    ],
  },
  {
    id: 'android-work-profile',
    title: 'Android work profile',
    devices: [PIXEL],
    steps: [
      {
        caption:
          'Right after enrolment, Android 7.0+ asks the user to “Secure your work profile”: the reset token is not active yet.',
        admin: 'device',
      },
      {
        caption:
          'The user taps the notification and enters the work profile passcode. The notification goes away.',
        admin: 'device',
        act: {
          label: 'Tap and enter 135790',
          run: async ({ device }) => {
            await simApi.input(device(PIXEL).id, {
              type: 'tapNotification',
              notificationId: 'secureWorkProfile',
            });
            await simApi.input(device(PIXEL).id, { type: 'enterPasscode', passcode: '135790' });
          },
        },
      },
      {
        caption: 'The admin resets the passcode (… More › Remove passcode).',
        admin: 'device',
        act: removePasscode(PIXEL),
      },
      {
        caption: 'The overview shows the temporary passcode. On the phone, the work profile is locked.',
        admin: 'device',
      },
      {
        caption: 'The user types the temporary passcode the admin gave them…',
        admin: 'device',
        act: {
          label: 'Enter the temporary passcode',
          run: async ({ graph, device }) =>
            simApi.input(device(PIXEL).id, {
              type: 'enterPasscode',
              passcode: await temporaryPasscode(graph, device(PIXEL)),
            }),
        },
      },
      {
        caption: '…and Android asks for a new work profile passcode right away.',
        admin: 'device',
        act: input(PIXEL, 'Set passcode 246810', { type: 'setPasscode', passcode: '246810' }),
      },
      { caption: 'Device actions shows the reset: Done.', admin: 'actions' },
    ],
  },
  {
    id: 'android-device-admin',
    title: 'Android device admin 6.0',
    devices: [DEVICE_ADMIN],
    steps: [
      { caption: 'A Galaxy on Android 6.0, managed as device administrator. It is locked.', admin: 'device' },
      {
        caption: 'The admin removes the passcode: Android replaces it with a new temporary one.',
        admin: 'device',
        act: removePasscode(DEVICE_ADMIN),
      },
      {
        caption:
          'The overview shows the temporary passcode; the phone is locked and the old passcode no longer works.',
        admin: 'device',
      },
      {
        caption: 'The user unlocks the phone with the temporary passcode.',
        admin: 'device',
        act: {
          label: 'Unlock with it',
          run: async ({ graph, device }) =>
            simApi.input(device(DEVICE_ADMIN).id, {
              type: 'unlock',
              passcode: await temporaryPasscode(graph, device(DEVICE_ADMIN)),
            }),
        },
      },
    ],
  },
  {
    id: 'unsupported',
    title: 'Unsupported',
    devices: [
      'Nexus work profile 6.0 (unsupported)',
      'Galaxy device admin 7.0 (unsupported)',
      'MacBook Pro (unsupported)',
      'Surface (unsupported)',
    ],
    steps: [
      {
        caption: 'Android work profile 6.0 and earlier: Remove passcode is greyed out, with the reason.',
        admin: 'device',
        device: 'Nexus work profile 6.0 (unsupported)',
      },
      {
        caption: 'Android device administrator 7.0 and later cannot be reset either.',
        admin: 'device',
        device: 'Galaxy device admin 7.0 (unsupported)',
      },
      { caption: 'macOS: not supported.', admin: 'device', device: 'MacBook Pro (unsupported)' },
      { caption: 'Windows: not supported.', admin: 'device', device: 'Surface (unsupported)' },
    ],
  },
];

/** The device a step is about. */
export const stepDevice = (tour: Tour, index: number): string =>
  tour.steps[index]?.device ?? tour.devices[0] ?? '';
