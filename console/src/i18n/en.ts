// Every English text of the console: the portal's labels, the phones' texts, the tours. nl.ts mirrors it key by key.
import type { Platform } from '../phone/platform.js';
import type { ActionState, EnrollmentKind, ScreenView } from '../types.js';

type ActionName = string;

export const en = {
  language: 'English',
  locale: 'en-GB',
  /**
   * The portal's action names as the server sends them for each device (`removePasscode.actionName`: the seed's
   * edition says Remove passcode everywhere, today's Reset passcode on Android), in this language. A name the table
   * does not know is shown as sent.
   */
  actionNames: { 'Remove passcode': 'Remove passcode', 'Reset passcode': 'Reset passcode' } as Record<
    string,
    string
  >,
  /** Android versions the work profile tour names, per edition. */
  workProfileFrom: { '2018-03': '7.0 and later', current: '8.0 and later' } as Record<string, string>,
  workProfileUnsupported: { '2018-03': '6.x and earlier', current: '7.x and earlier' } as Record<
    string,
    string
  >,
  /** The support matrix's platform descriptions (shared/support-matrix.ts), as this language names them. */
  platforms: {} as Record<string, string>,
  notSupportedOn: (action: string, platform: string) => `${action} is not supported on ${platform}.`,
  header: {
    title: 'mdmsim · Remove passcode trainer',
    live: '● Live',
    connecting: '○ Connecting…',
    reconnecting: '○ Reconnecting…',
    offline: '✕ Offline: retrying',
    liveLabel: 'Live connection',
    language: 'Language',
    presenter: 'Presenter mode',
    reset: 'Reset simulation',
    resetting: 'Resetting…',
    resetDone: (devices: number) => `All ${devices} devices are back to their starting state.`,
    resetOffline: (names: string) => `Not reset (offline): ${names}.`,
    changeToken: 'Change token',
  },
  changeTokenDialog: {
    title: 'Use other tokens?',
    message:
      'The console forgets both tokens in this tab and asks for them again. Keep them at hand: the server printed them when it started.',
    confirm: 'Change token',
  },
  resetDialog: {
    title: 'Reset the simulation?',
    message:
      'Every device goes back to how the fleet started it; every action, audit and temporary passcode is removed, and the clock returns to its starting speed. Enrollments and simulated time are kept.',
    confirm: 'Reset',
  },
  clock: {
    label: 'Simulated clock',
    time: 'Simulated time',
    pause: 'Pause',
    realTime: 'Real time',
    speed: (label: string) => `Speed ${label}`,
    jump: (label: string) => `Jump ahead ${label}`,
  },
  token: {
    heading: 'mdmsim trainer console',
    label: 'Admin token',
    simLabel: 'Simulator token',
    help: 'printed by npm start',
    open: 'Open console',
    hint: 'Or open the link the server printed: it ends in #token=…&sim=….',
  },
  portal: {
    landmark: 'Intune admin',
    brand: 'Microsoft Intune admin center',
    breadcrumb: 'Breadcrumb',
    home: 'Home',
    devices: 'Devices',
    devicesMenu: 'Devices menu',
    allDevices: 'All devices',
    deviceActions: 'Device actions',
    loading: 'Loading…',
    couldNotLoadDevices: (error: string) => `Could not load devices: ${error}`,
    couldNotLoadDevice: (error: string) => `Could not load the device: ${error}`,
    couldNotLoadActions: (error: string) => `Could not load device actions: ${error}`,
    retrying: 'Retrying when the connection is back.',
    columns: {
      deviceName: 'Device name',
      os: 'OS',
      osVersion: 'OS version',
      enrollment: 'Enrollment type',
      compliance: 'Compliance',
      lastCheckIn: 'Last check-in',
      device: 'Device',
      action: 'Action',
      initiatedBy: 'Initiated by',
      requestedAt: 'Requested at',
      status: 'Status',
    },
    compliant: 'Compliant',
    notCompliant: 'Not compliant',
    noActions: 'No remote actions yet.',
  },
  overview: {
    more: '… More',
    moreActions: 'More actions',
    notSupported: (reason: string) => `Not supported: ${reason}`,
    unavailableLabel: (action: ActionName) => `${action} unavailable`,
    unavailable: (action: ActionName) => `${action} is not available for this device.`,
    refused: (action: ActionName, error: string) => `${action} was refused: ${error}`,
    statusLabel: (action: ActionName) => `${action} status`,
    status: 'Status',
    actionStatus: 'Action status',
    requested: 'requested',
    updated: 'updated',
    temporaryPasscode: 'Temporary passcode',
    /** The work profile asks for a new passcode once the temporary one unlocks it; device administrator keeps it. */
    temporaryHint: {
      workProfile:
        'Give it to the user: it unlocks the work profile once, then Android asks for a new work PIN.',
      device: "Give it to the user: it is the device's passcode now.",
    },
    properties: {
      deviceName: 'Device name',
      primaryUser: 'Primary user',
      os: 'Operating system',
      enrollment: 'Enrollment',
      model: 'Model',
      compliance: 'Compliance',
      policy: 'Passcode policy',
      lastCheckIn: 'Last check-in',
    },
    policyRequired: (min: number) => `Required, at least ${min} characters`,
    policyNone: 'None',
    confirmAndroid: (device: string) =>
      `Reset the passcode of ${device}? A temporary passcode will be shown here.`,
    confirmIos: (device: string) =>
      `Remove the passcode of ${device}? The device will have no passcode until the user sets one.`,
    yes: 'Yes',
    no: 'No',
  },
  failure: {
    /** The portal's failure line, by the device's error code. */
    byCode: {
      1001: {
        text: () => 'Failed: the device did not accept the unlock token.',
        remedy:
          'Without a valid unlock token the passcode cannot be removed remotely: wipe the device (Wipe) to recover it.',
      },
      1002: {
        text: () =>
          'Failed: Apple does not allow removing the passcode on a device enrolled with User Enrollment.',
        remedy:
          'The user must reset the passcode on the device, or the device must be enrolled with Device Enrollment.',
      },
      2001: {
        // The portal's own words when the user skipped the notification (../shared/REFERENCE.md section 4).
        text: (action) =>
          `Initiating ${action} failed: the passcode reset token is not activated on the device.`,
        remedy:
          'Remedy: have the user tap the "Secure your Work Profile" notification and enter the work profile passcode, then try again.',
      },
      2002: {
        text: () =>
          'Failed: no work profile passcode is required, so the device has no passcode reset token.',
        remedy:
          'Remedy: assign a policy that requires a work profile passcode, activate the token, then try again.',
      },
      2003: {
        text: () =>
          'Failed: Android 7.0 and later do not let a device administrator change an existing passcode.',
        remedy: 'Remedy: enroll the device with Android Enterprise (work profile or fully managed).',
      },
    } as Record<number, { text: (actionName: string) => string; remedy: string }>,
    other: (description: string) => `Failed: ${description}`,
  },
  actionState: {
    pending: 'Pending',
    active: 'Pending',
    done: 'Done',
    failed: 'Failed',
    notSupported: 'Not supported',
  } satisfies Record<ActionState, string>,
  enrollment: {
    iosDeviceEnrollment: 'iOS/iPadOS device enrollment',
    iosUserEnrollment: 'iOS/iPadOS user enrollment',
    androidWorkProfile: 'Android work profile',
    androidDeviceAdministrator: 'Android device administrator',
    androidFullyManaged: 'Android fully managed',
    macOS: 'macOS',
    windows: 'Windows',
  } satisfies Record<EnrollmentKind, string>,
  phones: {
    landmark: "End user's devices",
    choose: (shown: number) => `Choose phones (${shown} shown)`,
    chooser: 'Phones to show',
    none: 'Pick a device in All devices, or choose phones above.',
    region: (name: string) => `Phone: ${name}`,
    offline: 'offline',
    facts: 'Device facts',
    resetToken: (state: string) => (state === 'none' ? 'No reset token' : `Reset token ${state}`),
    workProfileLocked: 'Work profile locked',
    compliant: 'Compliant',
    notCompliant: 'Not compliant',
    message: 'Phone message',
    back: 'Back',
    home: 'Home',
    lock: 'Lock screen',
    showNotifications: 'Show notifications',
    hideNotifications: 'Hide notifications',
    shade: 'Notification shade',
  },
  /** What the devices show, in the words iOS and Android use. */
  device: {
    screenTitles: {
      lockScreen: 'Lock screen',
      home: 'Home',
      app: 'App',
      personalApp: 'Personal app',
      settings: 'Settings › Passcode',
      passcodeRequirement: 'Passcode Requirement',
      workProfileChallenge: 'Confirm your work PIN',
      workProfileLocked: 'Work profile locked',
      setNewWorkProfilePasscode: 'Set a new work PIN',
    } satisfies Record<ScreenView, string>,
    /**
     * What each platform's own screens call the lock and its apps: iOS says passcode, Android PIN (AOSP's keyguard
     * and Settings texts; every demo device's passcode and every reset passcode is digits; `androidPassword` below
     * has the words for one that is not), a computer password. `messages` and `patterns` translate the agents' texts
     * (written in iOS words) for the platform.
     */
    byPlatform: {
      ios: {
        enterPasscode: 'Enter Passcode',
        unlock: 'Unlock',
        openUnlocked: 'Swipe up to open',
        passcodeSet: 'Passcode set',
        passcodeNone: 'No passcode',
        settingsTitle: 'Face ID & Passcode',
        lockRow: 'Passcode',
        lockOn: 'On',
        lockOff: 'Off',
        policyNote: (min: number) => `Your organisation requires a passcode of at least ${min} characters.`,
        newPasscode: 'New passcode',
        changePasscode: 'Change passcode',
        /** iOS's Change Passcode screen asks for the old one first. */
        currentPasscode: 'Enter your old passcode',
        setPasscode: 'Set passcode',
        apps: ['Phone', 'Mail', 'Camera', 'Photos', 'Maps', 'Calendar'],
        /** The Company Portal app's name under its icon (iOS: "Comp Portal", its bundle display name). */
        companyPortal: 'Comp Portal',
        messages: {} as Record<string, string>,
        patterns: [] as [RegExp, (...groups: string[]) => string][],
      },
      android: {
        enterPasscode: 'Enter your PIN',
        unlock: 'Unlock',
        openUnlocked: 'Open',
        passcodeSet: 'PIN set',
        passcodeNone: 'No PIN',
        settingsTitle: 'Security',
        lockRow: 'Screen lock',
        lockOn: 'PIN',
        lockOff: 'None',
        policyNote: (min: number) => `PIN must be at least ${min} digits`,
        newPasscode: 'Set screen lock',
        changePasscode: 'Change unlock PIN',
        /** Settings confirms the current lock before changing it (AOSP ConfirmLockPassword). */
        currentPasscode: 'Confirm your PIN',
        setPasscode: 'Confirm',
        apps: ['Phone', 'Gmail', 'Camera', 'Photos', 'Maps', 'Calendar'],
        companyPortal: 'Company Portal',
        messages: {
          'Wrong passcode. Try again.': 'Wrong PIN',
          'Passcode refused.': 'PIN refused.',
          'Passcode set.': 'PIN has been set',
          'Work profile passcode set.': 'PIN has been set',
          'Enter your current passcode first.': 'Enter your current PIN first.',
          /** AOSP's lockpassword_illegal_character. */
          'The passcode cannot include an invalid character.': 'This can’t include an invalid character',
          'No passcode is set, so there is no current passcode to enter.':
            'No PIN is set, so there is no current PIN to enter.',
          'The passcode cannot be empty.': 'The PIN cannot be empty.',
        } as Record<string, string>,
        patterns: [
          [
            /^The passcode must be at least (\d+) characters long\.$/,
            (min) => `PIN must be at least ${min} digits`,
          ],
        ] as [RegExp, (...groups: string[]) => string][],
      },
      computer: {
        enterPasscode: 'Enter password',
        unlock: 'Sign in',
        openUnlocked: 'Sign in',
        passcodeSet: 'Password set',
        passcodeNone: 'No password',
        settingsTitle: 'Password',
        lockRow: 'Password',
        lockOn: 'On',
        lockOff: 'Off',
        policyNote: (min: number) => `Your organisation requires a password of at least ${min} characters.`,
        newPasscode: 'New password',
        changePasscode: 'Change password',
        currentPasscode: 'Current password',
        setPasscode: 'Set password',
        apps: ['Mail', 'Calendar', 'Photos', 'Maps', 'Notes', 'Music'],
        companyPortal: 'Company Portal',
        messages: {
          'Wrong passcode. Try again.': 'The password is incorrect. Try again.',
          'Passcode refused.': 'Password refused.',
          'Passcode set.': 'Password set.',
          'Enter your current passcode first.': 'Enter your current password first.',
          'The passcode cannot include an invalid character.':
            'The password cannot include an invalid character.',
          'No passcode is set, so there is no current passcode to enter.':
            'No password is set, so there is no current password to enter.',
          'The passcode cannot be empty.': 'The password cannot be empty.',
        } as Record<string, string>,
        patterns: [
          [
            /^The passcode must be at least (\d+) characters long\.$/,
            (min) => `The password must be at least ${min} characters long.`,
          ],
        ] as [RegExp, (...groups: string[]) => string][],
      },
    } satisfies Record<Platform, unknown>,
    /**
     * An Android lock whose passcode is not all digits (the device's `passcodeKind: 'password'`): AOSP's keyguard and
     * Settings say password. Only the words that differ from `byPlatform.android`; its tables are looked up first.
     */
    androidPassword: {
      enterPasscode: 'Enter your password',
      passcodeSet: 'Password set',
      lockOn: 'Password',
      policyNote: (min: number) => `Password must be at least ${min} characters`,
      changePasscode: 'Change unlock password',
      currentPasscode: 'Confirm your password',
      messages: {
        'Wrong passcode. Try again.': 'Wrong password',
        'Passcode refused.': 'Password refused.',
        'Passcode set.': 'Password has been set',
        'Work profile passcode set.': 'Password has been set',
        'Enter your current passcode first.': 'Enter your current password first.',
        'No passcode is set, so there is no current passcode to enter.':
          'No password is set, so there is no current password to enter.',
        'The passcode cannot be empty.': 'The password cannot be empty.',
      } as Record<string, string>,
      patterns: [
        [
          /^The passcode must be at least (\d+) characters long\.$/,
          (min) => `Must be at least ${min} characters`,
        ],
      ] as [RegExp, (...groups: string[]) => string][],
    },
    /**
     * A work profile whose own lock is a password: over the work PIN's title and texts below (AOSP Settings'
     * `lockpassword_confirm_your_password_generic_profile`, "Enter your work password to continue").
     */
    workProfilePassword: {
      screenTitles: {
        workProfileChallenge: 'Confirm your work password',
        setNewWorkProfilePasscode: 'Set a new work password',
      } satisfies Partial<Record<ScreenView, string>>,
      workProfilePasscodeSet: 'Work password set',
      workChallengeText: 'Enter your work password to continue',
      workLockedText: 'Your work profile is locked. Enter the password your IT admin gave you.',
      workNewText: 'Choose a new password for your work profile.',
      workPasscode: 'Work password',
      newWorkPasscode: 'New work password',
    },
    settings: 'Settings',
    outlook: 'Outlook',
    /** A work profile app's name as Android speaks it (the launcher shows "Outlook" with a briefcase badge). */
    workOutlook: 'Work Outlook',
    teams: 'Teams',
    workLocked: 'Work apps are locked',
    /** A personal app on a work profile device: the work profile's lock does not reach it. */
    personalAppText: "Personal apps open as usual: the work profile's lock does not reach them.",
    /**
     * Android work profile: the facts beside the phone and Settings › Security name the work profile's lock (its PIN;
     * `workProfilePassword` has the words for a password).
     */
    workProfilePasscodeSet: 'Work PIN set',
    workProfilePasscodeNone: 'No work PIN',
    workProfileLockRow: 'Work profile screen lock',
    settingsBack: '‹ Settings',
    promptTitle: 'Passcode Requirement',
    /**
     * The Passcode Requirement alert asks for a change of the passcode a device has (one the policy no longer
     * accepts): "You must change your iPhone unlock passcode within 60 minutes", then "…at this time" (Apple
     * Community thread 7309187). Unverified: no source gives its words for a device with none; mdmsim says set.
     */
    promptCountdown: 'You must change your unlock passcode within',
    promptCountdownSet: 'You must set an unlock passcode within',
    promptEnforced: 'You must set a passcode now. Apps will not open until you do.',
    promptEnforcedChange:
      'You must change your unlock passcode at this time. Apps will not open until you do.',
    timeLeft: 'Time left to set a passcode',
    timeLeftChange: 'Time left to change the passcode',
    later: 'Later',
    continue: 'Continue',
    inbox: 'Inbox',
    mails: [
      ['IT Helpdesk', 'Welcome to your managed device'],
      ['Contoso HR', 'Benefits enrolment opens Monday'],
      ['Trainer', 'This is what the user sees in an app'],
    ] as [string, string][],
    workChallengeText: 'Enter your work PIN to continue',
    workLockedText: 'Your work profile is locked. Enter the PIN your IT admin gave you.',
    workNewText: 'Choose a new PIN for your work profile.',
    workPasscode: 'Work PIN',
    newWorkPasscode: 'New work PIN',
    confirm: 'Confirm',
    notificationApp: 'Work profile',
    notifications: {
      secureWorkProfile: {
        title: 'Secure your Work Profile',
        body: 'Authorize your company support to remotely reset your work profile password',
      },
    } as Record<string, { title: string; body: string }>,
    /** The agents' own feedback texts (English), as this language shows them on every platform. */
    messages: {} as Record<string, string>,
    /** The agents' feedback texts with a number in them. */
    patterns: [] as [RegExp, (...groups: string[]) => string][],
    resetTokenStates: { none: 'none', inactive: 'inactive', active: 'active' } as Record<string, string>,
  },
  tour: {
    landmark: 'Guided tour',
    pick: 'Guided tour:',
    next: 'Next',
    back: 'Back',
    finish: 'Finish',
    close: 'Close tour',
    starting: 'Resetting the tour’s devices…',
    keys: '→ / PageDown: next · ← / PageUp: back',
    noDevice: (name: string) => `This fleet has no device named "${name}".`,
    noTemporary: 'No temporary passcode yet: reset the passcode first.',
    titles: {
      'ios-no-policy': 'iOS, no policy',
      'ios-policy': 'iOS + compliance policy',
      'android-work-profile': 'Android work profile',
      'android-device-admin': 'Android device admin 6.0',
      unsupported: 'Unsupported',
    } as Record<string, string>,
    acts: {
      removePasscode: (action: ActionName) => action,
      openIpad: 'Open the iPad',
      openIphone: 'Open the iPhone',
      openPersonalApp: 'Open a personal app (it still opens)',
      tapLater: 'Tap Later',
      jump60: 'Jump 60 minutes',
      setPasscode: (passcode: string) => `Set passcode ${passcode}`,
      /** The same on an Android phone, which calls it a PIN. */
      setPin: (pin: string) => `Set PIN ${pin}`,
      tapAndEnter: (passcode: string) => `Tap and enter ${passcode}`,
      enterTemporary: 'Enter the temporary passcode',
      unlockWithIt: 'Unlock with it',
    },
    captions: {
      iosNoPolicy: [
        'The admin opens Devices › All devices in Intune. Every enrolled device is listed.',
        'The admin picks the iPad. On the right, the user’s iPad is locked with a passcode.',
        (action: ActionName) =>
          `The admin opens … More and chooses ${action}, then confirms. iOS removes it: no new passcode.`,
        'The iPad now opens without a passcode. There is no policy, so nothing asks for a new one.',
        (action: ActionName) => `Devices › Device actions shows ${action} with its status: Done.`,
      ],
      iosPolicy: [
        'This iPhone has a compliance policy: a passcode of at least 6 characters. It is compliant.',
        (action: ActionName) => `The admin removes the passcode (… More › ${action} › Yes).`,
        'The user opens the iPhone: Home shows the Passcode Requirement prompt, with a 60-minute countdown.',
        'The user may tap Later for now. Speed up the clock, or jump 60 minutes ahead…',
        '…and after the deadline the prompt can no longer be put off: apps will not open.',
        'The user opens Settings and sets a new passcode. The device is compliant again.',
        (action: ActionName) => `Device actions shows the ${action} action: Done.`,
      ],
      androidWorkProfile: [
        (minimum: string) =>
          `Right after enrolment, Android ${minimum} asks the user to “Secure your Work Profile”: the reset token is not active yet.`,
        'The user taps the notification and enters the work PIN. The notification goes away.',
        (action: ActionName) => `The admin resets the passcode (… More › ${action} › Yes).`,
        'The overview shows the temporary passcode. Only the work profile is locked: personal apps still open.',
        'The user opens Work Outlook and types the temporary passcode the admin gave them…',
        '…and Android asks for a new work PIN right away.',
        'Device actions shows the reset: Done.',
      ],
      androidDeviceAdmin: [
        'A Galaxy on Android 6.0, managed as device administrator. It is locked.',
        (action: ActionName) =>
          `The admin chooses ${action}: Android replaces the passcode with a new temporary one.`,
        'The overview shows the temporary passcode; the phone is locked and the old PIN no longer works.',
        'The user unlocks the phone with the temporary passcode.',
      ],
      unsupported: [
        (action: ActionName, workProfile: string) =>
          `Android work profile ${workProfile}: ${action} is greyed out, with the reason.`,
        'Android device administrator 7.0 and later cannot be reset either.',
        'macOS: not supported.',
        'Windows: not supported.',
      ],
    },
  },
};

export type Messages = typeof en;
