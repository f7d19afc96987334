// The guided tours, one per section of the seed document: what each step shows, says, and may do on the live devices.

import type { Messages } from '../i18n/en.js';
import type { GraphApi, SimApi } from '../live/api.js';
import type { SimDevice } from '../types.js';
import { removePasscodeThroughThePortal } from './ui-driver.js';

export interface TourContext {
  graph: GraphApi;
  sim: SimApi;
  m: Messages;
  /** The live device named `name` (throws if the fleet has none). */
  device(name: string): SimDevice;
}

/** What a caption may mention: the action's name and the edition's version limits. */
export interface CaptionFacts {
  actionName: string;
  workProfileFrom: string;
  workProfileUnsupported: string;
}

type Caption = string | ((...args: string[]) => string);
const say = (caption: Caption | undefined, ...args: string[]) =>
  typeof caption === 'function' ? caption(...args) : (caption ?? '');

export interface TourStep {
  caption(m: Messages, facts: CaptionFacts): string;
  /** Which admin blade to show; `device` opens the step's device overview. */
  admin: 'devices' | 'device' | 'actions';
  /** The device this step is about, when not the tour's first. */
  device?: string;
  /** A step the trainer may have the console perform (the same as doing it by hand, and visibly so). */
  act?: { label(m: Messages, facts: CaptionFacts): string; run(context: TourContext): Promise<unknown> };
}

export interface Tour {
  id: string;
  /** The device names the tour follows; the first is the one the admin side opens. Starting resets them all. */
  devices: string[];
  steps: TourStep[];
}

const IPHONE = 'iPhone (passcode policy)';
const IPAD = 'iPad (no policy)';
const PIXEL = 'Pixel work profile (token not activated)';
const DEVICE_ADMIN = 'Galaxy device admin 6.0';
const NEXUS = 'Nexus work profile 6.0 (unsupported)';
const GALAXY_7 = 'Galaxy device admin 7.0 (unsupported)';
const MAC = 'MacBook Pro (unsupported)';
const SURFACE = 'Surface (unsupported)';

type Group = keyof Messages['tour']['captions'];
const caption =
  (group: Group, index: number) =>
  (m: Messages, facts: CaptionFacts): string => {
    const entry = m.tour.captions[group][index] as Caption | undefined;
    if (group === 'androidWorkProfile' && index === 0) return say(entry, facts.workProfileFrom);
    if (group === 'unsupported' && index === 0)
      return say(entry, facts.actionName, facts.workProfileUnsupported);
    return say(entry, facts.actionName);
  };

const removePasscode: TourStep['act'] = {
  label: (m, facts) => m.tour.acts.removePasscode(facts.actionName),
  run: () => removePasscodeThroughThePortal(),
};
/** The temporary passcode as the admin reads it in Graph (the simulator API never shows it). */
const temporaryPasscode = async (graph: GraphApi, m: Messages, device: SimDevice) => {
  const passcode = (await graph.managedDevice(device.id)).deviceActionResults[0]?.passcode;
  if (!passcode) throw new Error(m.tour.noTemporary);
  return passcode;
};

export const tours: Tour[] = [
  {
    id: 'ios-no-policy',
    devices: [IPAD],
    steps: [
      { caption: caption('iosNoPolicy', 0), admin: 'devices' },
      { caption: caption('iosNoPolicy', 1), admin: 'device' },
      { caption: caption('iosNoPolicy', 2), admin: 'device', act: removePasscode },
      {
        caption: caption('iosNoPolicy', 3),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.openIpad,
          run: ({ sim, device }) => sim.input(device(IPAD).id, { type: 'unlock' }),
        },
      },
      { caption: caption('iosNoPolicy', 4), admin: 'actions' },
    ],
  },
  {
    id: 'ios-policy',
    devices: [IPHONE],
    steps: [
      { caption: caption('iosPolicy', 0), admin: 'device' },
      { caption: caption('iosPolicy', 1), admin: 'device', act: removePasscode },
      {
        caption: caption('iosPolicy', 2),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.openIphone,
          run: ({ sim, device }) => sim.input(device(IPHONE).id, { type: 'unlock' }),
        },
      },
      {
        caption: caption('iosPolicy', 3),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.tapLater,
          run: ({ sim, device }) => sim.input(device(IPHONE).id, { type: 'dismissPrompt' }),
        },
      },
      {
        caption: caption('iosPolicy', 4),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.jump60,
          run: ({ sim }) => sim.setClock({ advanceMs: 60 * 60_000 }),
        },
      },
      {
        caption: caption('iosPolicy', 5),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.setPasscode('654321'),
          run: async ({ sim, device }) => {
            await sim.input(device(IPHONE).id, { type: 'openSettings' });
            await sim.input(device(IPHONE).id, { type: 'setPasscode', passcode: '654321' });
          },
        },
      },
      { caption: caption('iosPolicy', 6), admin: 'actions' },
    ],
  },
  {
    id: 'android-work-profile',
    devices: [PIXEL],
    steps: [
      { caption: caption('androidWorkProfile', 0), admin: 'device' },
      {
        caption: caption('androidWorkProfile', 1),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.tapAndEnter('135790'),
          run: async ({ sim, device }) => {
            await sim.input(device(PIXEL).id, {
              type: 'tapNotification',
              notificationId: 'secureWorkProfile',
            });
            await sim.input(device(PIXEL).id, { type: 'enterPasscode', passcode: '135790' });
          },
        },
      },
      { caption: caption('androidWorkProfile', 2), admin: 'device', act: removePasscode },
      {
        caption: caption('androidWorkProfile', 3),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.openPersonalApp,
          run: ({ sim, device }) => sim.input(device(PIXEL).id, { type: 'openApp', app: 'personal' }),
        },
      },
      {
        caption: caption('androidWorkProfile', 4),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.enterTemporary,
          run: async ({ sim, graph, device, m }) => {
            const pixel = device(PIXEL);
            // From the personal app back Home, then Work Outlook: the work profile asks for its passcode.
            if (pixel.state.screen.view === 'personalApp') await sim.input(pixel.id, { type: 'goHome' });
            if (pixel.state.screen.view !== 'workProfileLocked') {
              await sim.input(pixel.id, { type: 'openApp', app: 'work' });
            }
            const passcode = await temporaryPasscode(graph, m, pixel);
            await sim.input(pixel.id, { type: 'enterPasscode', passcode });
          },
        },
      },
      {
        caption: caption('androidWorkProfile', 5),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.setPin('246810'),
          run: ({ sim, device }) => sim.input(device(PIXEL).id, { type: 'setPasscode', passcode: '246810' }),
        },
      },
      { caption: caption('androidWorkProfile', 6), admin: 'actions' },
    ],
  },
  {
    id: 'android-device-admin',
    devices: [DEVICE_ADMIN],
    steps: [
      { caption: caption('androidDeviceAdmin', 0), admin: 'device' },
      { caption: caption('androidDeviceAdmin', 1), admin: 'device', act: removePasscode },
      { caption: caption('androidDeviceAdmin', 2), admin: 'device' },
      {
        caption: caption('androidDeviceAdmin', 3),
        admin: 'device',
        act: {
          label: (m) => m.tour.acts.unlockWithIt,
          run: async ({ sim, graph, device, m }) =>
            sim.input(device(DEVICE_ADMIN).id, {
              type: 'unlock',
              passcode: await temporaryPasscode(graph, m, device(DEVICE_ADMIN)),
            }),
        },
      },
    ],
  },
  {
    id: 'unsupported',
    devices: [NEXUS, GALAXY_7, MAC, SURFACE],
    steps: [
      { caption: caption('unsupported', 0), admin: 'device', device: NEXUS },
      { caption: caption('unsupported', 1), admin: 'device', device: GALAXY_7 },
      { caption: caption('unsupported', 2), admin: 'device', device: MAC },
      { caption: caption('unsupported', 3), admin: 'device', device: SURFACE },
    ],
  },
];

/** The device a step is about. */
export const stepDevice = (tour: Tour, index: number): string =>
  tour.steps[index]?.device ?? tour.devices[0] ?? '';
