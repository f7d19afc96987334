// Every Dutch text of the console: Intune's Dutch admin center wording (the seed's own for the action), and the
// Dutch texts iOS ("toegangscode", "Face ID en toegangscode") and Android ("pincode", "Schermvergrendeling") use.
import type { Messages } from './en.js';

type ActionName = string;

export const nl: Messages = {
  language: 'Nederlands',
  locale: 'nl-NL',
  actionNames: {
    'Remove passcode': 'Wachtwoordcode verwijderen',
    'Reset passcode': 'Wachtwoordcode opnieuw instellen',
  },
  workProfileFrom: { '2018-03': '7.0 en hoger', current: '8.0 en hoger' },
  workProfileUnsupported: { '2018-03': '6.x en lager', current: '7.x en lager' },
  platforms: {
    iOS: 'iOS',
    'iOS/iPadOS': 'iOS/iPadOS',
    'iOS/iPadOS User Enrollment': 'iOS/iPadOS met gebruikersinschrijving',
    'Android work profile 7.0 and later': 'Android-werkprofiel 7.0 en hoger',
    'Android work profile 6.x and earlier': 'Android-werkprofiel 6.x en lager',
    'Android Enterprise work profile 8.0 and later': 'Android Enterprise-werkprofiel 8.0 en hoger',
    'Android Enterprise work profile 7.x and earlier': 'Android Enterprise-werkprofiel 7.x en lager',
    'Android Enterprise fully managed 8.0 and later': 'Android Enterprise volledig beheerd 8.0 en hoger',
    'Android Enterprise fully managed 7.x and earlier': 'Android Enterprise volledig beheerd 7.x en lager',
    'Android Enterprise fully managed': 'Android Enterprise volledig beheerd',
    'Android device administrator 6.x and earlier': 'Android-apparaatbeheerder 6.x en lager',
    'Android device administrator 7.0 and later': 'Android-apparaatbeheerder 7.0 en hoger',
    macOS: 'macOS',
    Windows: 'Windows',
  },
  notSupportedOn: (action: string, platform: string) => `${action} wordt niet ondersteund op ${platform}.`,
  header: {
    title: 'mdmsim · training Wachtwoordcode verwijderen',
    live: '● Live',
    connecting: '○ Verbinden…',
    reconnecting: '○ Opnieuw verbinden…',
    offline: '✕ Offline: opnieuw proberen',
    liveLabel: 'Live verbinding',
    language: 'Taal',
    presenter: 'Presentatiemodus',
    reset: 'Simulatie opnieuw instellen',
    resetting: 'Bezig met opnieuw instellen…',
    resetDone: (devices: number) => `Alle ${devices} apparaten zijn terug in hun beginstand.`,
    resetOffline: (names: string) => `Niet opnieuw ingesteld (offline): ${names}.`,
    changeToken: 'Ander token',
  },
  changeTokenDialog: {
    title: 'Andere tokens gebruiken?',
    message:
      'De console vergeet beide tokens in dit tabblad en vraagt er opnieuw om. Houd ze bij de hand: de server toonde ze bij het starten.',
    confirm: 'Ander token',
  },
  resetDialog: {
    title: 'Simulatie opnieuw instellen?',
    message:
      'Elk apparaat gaat terug naar de beginstand van de vloot; alle acties, controlegegevens en tijdelijke wachtwoordcodes worden verwijderd en de klok loopt weer op de beginsnelheid. Inschrijvingen en de gesimuleerde tijd blijven behouden.',
    confirm: 'Opnieuw instellen',
  },
  clock: {
    label: 'Gesimuleerde klok',
    time: 'Gesimuleerde tijd',
    pause: 'Pauze',
    realTime: 'Echte tijd',
    speed: (label: string) => `Snelheid ${label}`,
    jump: (label: string) => `Vooruitspringen ${label}`,
  },
  token: {
    heading: 'mdmsim trainersconsole',
    label: 'Beheerderstoken',
    simLabel: 'Simulatortoken',
    help: 'getoond door npm start',
    open: 'Console openen',
    hint: 'Of open de koppeling die de server toonde: die eindigt op #token=…&sim=….',
  },
  portal: {
    landmark: 'Intune-beheer',
    brand: 'Microsoft Intune-beheercentrum',
    breadcrumb: 'Kruimelpad',
    home: 'Start',
    devices: 'Apparaten',
    devicesMenu: 'Menu Apparaten',
    allDevices: 'Alle apparaten',
    deviceActions: 'Apparaatacties',
    loading: 'Laden…',
    couldNotLoadDevices: (error: string) => `Kan de apparaten niet laden: ${error}`,
    couldNotLoadDevice: (error: string) => `Kan het apparaat niet laden: ${error}`,
    couldNotLoadActions: (error: string) => `Kan de apparaatacties niet laden: ${error}`,
    retrying: 'Wordt opnieuw geprobeerd zodra de verbinding terug is.',
    columns: {
      deviceName: 'Apparaatnaam',
      // Soft hyphens: a narrow table breaks the long compounds there rather than growing sideways.
      os: 'Besturings\u00adsysteem',
      osVersion: 'Versie van het besturings\u00adsysteem',
      enrollment: 'Inschrijvings\u00adtype',
      compliance: 'Naleving',
      lastCheckIn: 'Laatste check-in',
      device: 'Apparaat',
      action: 'Actie',
      initiatedBy: 'Gestart door',
      requestedAt: 'Aangevraagd op',
      status: 'Status',
    },
    compliant: 'Conform',
    notCompliant: 'Niet conform',
    noActions: 'Nog geen externe acties.',
  },
  overview: {
    more: '...Meer',
    moreActions: 'Meer acties',
    notSupported: (reason: string) => `Niet ondersteund: ${reason}`,
    unavailableLabel: (action: ActionName) => `${action} niet beschikbaar`,
    unavailable: (action: ActionName) => `${action} is niet beschikbaar voor dit apparaat.`,
    refused: (action: ActionName, error: string) => `${action} is geweigerd: ${error}`,
    statusLabel: (action: ActionName) => `Status van ${action}`,
    status: 'Status',
    actionStatus: 'Actiestatus',
    requested: 'aangevraagd',
    updated: 'bijgewerkt',
    temporaryPasscode: 'Tijdelijke wachtwoordcode',
    temporaryHint: {
      workProfile:
        'Geef deze aan de gebruiker: ze ontgrendelt het werkprofiel één keer, daarna vraagt Android om een nieuwe pincode voor het werkprofiel.',
      device: 'Geef deze aan de gebruiker: het is nu de wachtwoordcode van het apparaat.',
    },
    properties: {
      deviceName: 'Apparaatnaam',
      primaryUser: 'Primaire gebruiker',
      os: 'Besturingssysteem',
      enrollment: 'Inschrijving',
      model: 'Model',
      compliance: 'Naleving',
      policy: 'Wachtwoordcodebeleid',
      lastCheckIn: 'Laatste check-in',
    },
    policyRequired: (min: number) => `Vereist, minimaal ${min} tekens`,
    policyNone: 'Geen',
    confirmAndroid: (device: string) =>
      `De wachtwoordcode van ${device} opnieuw instellen? Hier wordt een tijdelijke wachtwoordcode getoond.`,
    confirmIos: (device: string) =>
      `De wachtwoordcode van ${device} verwijderen? Het apparaat heeft geen wachtwoordcode tot de gebruiker er een instelt.`,
    yes: 'Ja',
    no: 'Nee',
  },
  failure: {
    byCode: {
      1001: {
        text: () => 'Mislukt: het apparaat heeft het ontgrendelingstoken niet geaccepteerd.',
        remedy:
          'Zonder geldig ontgrendelingstoken kan de wachtwoordcode niet op afstand worden verwijderd: wis het apparaat (Wissen) om het te herstellen.',
      },
      1002: {
        text: () =>
          'Mislukt: Apple staat het verwijderen van de wachtwoordcode niet toe op een apparaat met gebruikersinschrijving.',
        remedy:
          'De gebruiker moet de toegangscode op het apparaat opnieuw instellen, of het apparaat moet met apparaatinschrijving worden ingeschreven.',
      },
      2001: {
        text: (action) =>
          `Het starten van ${action} is mislukt: het token voor het opnieuw instellen van de wachtwoordcode is niet geactiveerd op het apparaat.`,
        remedy:
          'Oplossing: laat de gebruiker op de melding "Beveilig je werkprofiel" tikken en de pincode van het werkprofiel invoeren, en probeer het opnieuw.',
      },
      2002: {
        text: () =>
          'Mislukt: er is geen wachtwoordcode voor het werkprofiel vereist, dus het apparaat heeft geen token.',
        remedy:
          'Oplossing: wijs een beleid toe dat een wachtwoordcode voor het werkprofiel vereist, activeer het token en probeer het opnieuw.',
      },
      2003: {
        text: () =>
          'Mislukt: vanaf Android 7.0 mag een apparaatbeheerder een bestaande wachtwoordcode niet wijzigen.',
        remedy:
          'Oplossing: schrijf het apparaat in met Android Enterprise (werkprofiel of volledig beheerd).',
      },
    },
    other: (description: string) => `Mislukt: ${description}`,
  },
  actionState: {
    pending: 'In behandeling',
    active: 'In behandeling',
    done: 'Voltooid',
    failed: 'Mislukt',
    notSupported: 'Niet ondersteund',
  },
  enrollment: {
    iosDeviceEnrollment: 'iOS/iPadOS-apparaatinschrijving',
    iosUserEnrollment: 'iOS/iPadOS-gebruikersinschrijving',
    androidWorkProfile: 'Android-werkprofiel',
    androidDeviceAdministrator: 'Android-apparaatbeheerder',
    androidFullyManaged: 'Android volledig beheerd',
    macOS: 'macOS',
    windows: 'Windows',
  },
  phones: {
    landmark: 'Apparaten van de gebruiker',
    choose: (shown: number) => `Telefoons kiezen (${shown} getoond)`,
    chooser: 'Te tonen telefoons',
    none: 'Kies een apparaat in Alle apparaten, of kies hierboven telefoons.',
    region: (name: string) => `Telefoon: ${name}`,
    offline: 'offline',
    facts: 'Apparaatgegevens',
    resetToken: (state: string) => (state === 'geen' ? 'Geen token' : `Token ${state}`),
    workProfileLocked: 'Werkprofiel vergrendeld',
    compliant: 'Conform',
    notCompliant: 'Niet conform',
    message: 'Melding op de telefoon',
    back: 'Terug',
    home: 'Startscherm',
    lock: 'Scherm vergrendelen',
    showNotifications: 'Meldingen tonen',
    hideNotifications: 'Meldingen verbergen',
    shade: 'Meldingenpaneel',
  },
  device: {
    screenTitles: {
      lockScreen: 'Toegangsscherm',
      home: 'Beginscherm',
      app: 'App',
      personalApp: 'Persoonlijke app',
      settings: 'Instellingen › Toegangscode',
      passcodeRequirement: 'Toegangscodevereiste',
      workProfileChallenge: 'Bevestig de pincode van je werkprofiel',
      workProfileLocked: 'Werkprofiel vergrendeld',
      setNewWorkProfilePasscode: 'Nieuwe pincode voor werkprofiel instellen',
    },
    byPlatform: {
      ios: {
        enterPasscode: 'Voer toegangscode in',
        unlock: 'Ontgrendel',
        openUnlocked: 'Veeg omhoog om te openen',
        passcodeSet: 'Toegangscode ingesteld',
        passcodeNone: 'Geen toegangscode',
        settingsTitle: 'Face ID en toegangscode',
        lockRow: 'Toegangscode',
        lockOn: 'Aan',
        lockOff: 'Uit',
        policyNote: (min: number) => `Je organisatie vereist een toegangscode van minimaal ${min} tekens.`,
        newPasscode: 'Nieuwe toegangscode',
        changePasscode: 'Wijzig toegangscode',
        currentPasscode: 'Voer je oude toegangscode in',
        setPasscode: 'Stel toegangscode in',
        apps: ['Telefoon', 'Mail', 'Camera', "Foto's", 'Kaarten', 'Agenda'],
        companyPortal: 'Comp Portal',
        messages: {},
        patterns: [
          [
            /^(.+) Unavailable\. Try again in (\d+) minutes?\.$/,
            (product, minutes) =>
              `${product} niet beschikbaar. Probeer het over ${minutes} ${minutes === '1' ? 'minuut' : 'minuten'} opnieuw.`,
          ],
          // iOS before 15.2 (passcode-entry.ts). Unverified: no source found for the Dutch iOS wording.
          [
            /^(.+) is disabled\. Try again in (\d+) minutes?\.$/,
            (product, minutes) =>
              `${product} is uitgeschakeld. Probeer het over ${minutes} ${minutes === '1' ? 'minuut' : 'minuten'} opnieuw.`,
          ],
        ],
      },
      // AOSP's Dutch keyguard and Settings texts: "Geef je pincode op", "Onjuiste pincode", "Pincode is ingesteld".
      android: {
        enterPasscode: 'Geef je pincode op',
        unlock: 'Ontgrendelen',
        openUnlocked: 'Openen',
        passcodeSet: 'Pincode ingesteld',
        passcodeNone: 'Geen pincode',
        settingsTitle: 'Beveiliging',
        lockRow: 'Schermvergrendeling',
        lockOn: 'Pincode',
        lockOff: 'Geen',
        policyNote: (min: number) => `Pincode moet ten minste ${min} cijfers zijn`,
        newPasscode: 'Schermvergrendeling instellen',
        changePasscode: 'Pincode voor ontgrendelen wijzigen',
        currentPasscode: 'Bevestig je pincode',
        setPasscode: 'Bevestigen',
        apps: ['Telefoon', 'Gmail', 'Camera', "Foto's", 'Maps', 'Agenda'],
        // A soft hyphen: Android breaks the long compound there when the label takes two lines.
        companyPortal: 'Bedrijfs\u00adportal',
        messages: {
          'Wrong passcode. Try again.': 'Onjuiste pincode',
          'Passcode refused.': 'Pincode geweigerd.',
          'Passcode set.': 'Pincode is ingesteld',
          'Work profile passcode set.': 'Pincode is ingesteld',
          'Enter your current passcode first.': 'Geef eerst je huidige pincode op.',
          'The passcode cannot include an invalid character.': 'Dit mag geen ongeldig teken bevatten',
          'No passcode is set, so there is no current passcode to enter.':
            'Er is geen pincode ingesteld, dus er is geen huidige pincode om op te geven.',
          'The passcode cannot be empty.': 'De pincode mag niet leeg zijn.',
        },
        patterns: [
          [
            /^The passcode must be at least (\d+) characters long\.$/,
            (min) => `Pincode moet ten minste ${min} cijfers zijn`,
          ],
          [
            /^Too many incorrect attempts\. Try again in (\d+) seconds\.$/,
            (seconds) => `Te veel onjuiste pogingen. Probeer het over ${seconds} seconden opnieuw.`,
          ],
        ],
      },
      computer: {
        enterPasscode: 'Voer wachtwoord in',
        unlock: 'Aanmelden',
        openUnlocked: 'Aanmelden',
        passcodeSet: 'Wachtwoord ingesteld',
        passcodeNone: 'Geen wachtwoord',
        settingsTitle: 'Wachtwoord',
        lockRow: 'Wachtwoord',
        lockOn: 'Aan',
        lockOff: 'Uit',
        policyNote: (min: number) => `Je organisatie vereist een wachtwoord van minimaal ${min} tekens.`,
        newPasscode: 'Nieuw wachtwoord',
        changePasscode: 'Wijzig wachtwoord',
        currentPasscode: 'Huidig wachtwoord',
        setPasscode: 'Stel wachtwoord in',
        apps: ['Mail', 'Agenda', "Foto's", 'Kaarten', 'Notities', 'Muziek'],
        companyPortal: 'Bedrijfsportal',
        messages: {
          'Wrong passcode. Try again.': 'Het wachtwoord is onjuist. Probeer het opnieuw.',
          'Passcode refused.': 'Wachtwoord geweigerd.',
          'Passcode set.': 'Wachtwoord ingesteld.',
          'Enter your current passcode first.': 'Voer eerst je huidige wachtwoord in.',
          'The passcode cannot include an invalid character.':
            'Het wachtwoord mag geen ongeldig teken bevatten.',
          'No passcode is set, so there is no current passcode to enter.':
            'Er is geen wachtwoord ingesteld, dus er is geen huidig wachtwoord om in te voeren.',
          'The passcode cannot be empty.': 'Het wachtwoord mag niet leeg zijn.',
          // Windows' locked-out account (passcode-entry.ts). Unverified: a plain translation, no source found for the
          // Dutch Windows text.
          'The referenced account is currently locked out and may not be logged on to.':
            'Het account waarnaar wordt verwezen, is momenteel geblokkeerd en kan niet worden gebruikt om je aan te melden.',
        },
        patterns: [
          [
            /^The passcode must be at least (\d+) characters long\.$/,
            (min) => `Het wachtwoord moet minimaal ${min} tekens lang zijn.`,
          ],
          // The Mac's login window while it waits (passcode-entry.ts; unverified in either language).
          [
            /^Too many failed password attempts\. Try again in (\d+) minutes?\.$/,
            (minutes) =>
              `Te veel mislukte wachtwoordpogingen. Probeer het over ${minutes} ${minutes === '1' ? 'minuut' : 'minuten'} opnieuw.`,
          ],
        ],
      },
    },
    // AOSP's Dutch keyguard for a password lock: "Geef je wachtwoord op", "Onjuist wachtwoord".
    androidPassword: {
      enterPasscode: 'Geef je wachtwoord op',
      passcodeSet: 'Wachtwoord ingesteld',
      lockOn: 'Wachtwoord',
      policyNote: (min: number) => `Wachtwoord moet ten minste ${min} tekens bevatten`,
      changePasscode: 'Wachtwoord voor ontgrendelen wijzigen',
      currentPasscode: 'Bevestig je wachtwoord',
      messages: {
        'Wrong passcode. Try again.': 'Onjuist wachtwoord',
        'Passcode refused.': 'Wachtwoord geweigerd.',
        'Passcode set.': 'Wachtwoord is ingesteld',
        'Work profile passcode set.': 'Wachtwoord is ingesteld',
        'Enter your current passcode first.': 'Geef eerst je huidige wachtwoord op.',
        'No passcode is set, so there is no current passcode to enter.':
          'Er is geen wachtwoord ingesteld, dus er is geen huidig wachtwoord om op te geven.',
        'The passcode cannot be empty.': 'Het wachtwoord mag niet leeg zijn.',
      },
      patterns: [
        [
          /^The passcode must be at least (\d+) characters long\.$/,
          (min) => `Moet ten minste ${min} tekens bevatten`,
        ],
      ],
    },
    // AOSP's Dutch work challenge: "Geef het wachtwoord van je werkprofiel op om door te gaan".
    workProfilePassword: {
      screenTitles: {
        workProfileChallenge: 'Bevestig het wachtwoord van je werkprofiel',
        setNewWorkProfilePasscode: 'Nieuw wachtwoord voor werkprofiel instellen',
      },
      workProfilePasscodeSet: 'Wachtwoord werkprofiel ingesteld',
      workChallengeText: 'Geef het wachtwoord van je werkprofiel op om door te gaan',
      workLockedText:
        'Je werkprofiel is vergrendeld. Geef het wachtwoord op dat je IT-beheerder je heeft gegeven.',
      workNewText: 'Kies een nieuw wachtwoord voor je werkprofiel.',
      workPasscode: 'Wachtwoord werkprofiel',
      newWorkPasscode: 'Nieuw wachtwoord werkprofiel',
    },
    settings: 'Instellingen',
    outlook: 'Outlook',
    workOutlook: 'Outlook (werk)',
    teams: 'Teams',
    workLocked: 'Werkapps zijn vergrendeld',
    personalAppText:
      'Persoonlijke apps openen gewoon: de vergrendeling van het werkprofiel geldt er niet voor.',
    workProfilePasscodeSet: 'Pincode werkprofiel ingesteld',
    workProfilePasscodeNone: 'Geen pincode werkprofiel',
    workProfileLockRow: 'Schermvergrendeling voor werkprofiel',
    settingsBack: '‹ Instellingen',
    promptTitle: 'Toegangscodevereiste',
    promptCountdown: 'Je moet je ontgrendelingstoegangscode wijzigen binnen',
    promptCountdownSet: 'Je moet een ontgrendelingstoegangscode instellen binnen',
    promptEnforced: 'Je moet nu een toegangscode instellen. Apps openen pas als je dat hebt gedaan.',
    promptEnforcedChange:
      'Je moet je ontgrendelingstoegangscode nu wijzigen. Apps openen pas als je dat hebt gedaan.',
    timeLeft: 'Resterende tijd om een toegangscode in te stellen',
    timeLeftChange: 'Resterende tijd om de toegangscode te wijzigen',
    later: 'Later',
    continue: 'Ga door',
    inbox: 'Inbox',
    mails: [
      ['IT-helpdesk', 'Welkom op je beheerde apparaat'],
      ['Contoso HR', 'Inschrijving voor secundaire arbeidsvoorwaarden opent maandag'],
      ['Trainer', 'Dit ziet de gebruiker in een app'],
    ],
    workChallengeText: 'Geef de pincode van je werkprofiel op om door te gaan',
    workLockedText: 'Je werkprofiel is vergrendeld. Geef de pincode op die je IT-beheerder je heeft gegeven.',
    workNewText: 'Kies een nieuwe pincode voor je werkprofiel.',
    workPasscode: 'Pincode werkprofiel',
    newWorkPasscode: 'Nieuwe pincode werkprofiel',
    confirm: 'Bevestigen',
    notificationApp: 'Werkprofiel',
    notifications: {
      secureWorkProfile: {
        title: 'Beveilig je werkprofiel',
        body: 'Geef de ondersteuning van je bedrijf toestemming om het wachtwoord van je werkprofiel op afstand opnieuw in te stellen.',
      },
    },
    messages: {
      'Wrong passcode. Try again.': 'Onjuiste toegangscode. Probeer het opnieuw.',
      'Passcode refused.': 'Toegangscode geweigerd.',
      'Passcode set.': 'Toegangscode ingesteld.',
      'Work profile passcode set.': 'Pincode van werkprofiel ingesteld.',
      'Enter your current passcode first.': 'Voer eerst je huidige toegangscode in.',
      'The passcode cannot include an invalid character.':
        'De toegangscode mag geen ongeldig teken bevatten.',
      'No passcode is set, so there is no current passcode to enter.':
        'Er is geen toegangscode ingesteld, dus er is geen huidige toegangscode om in te voeren.',
      'Work profile secured.': 'Werkprofiel beveiligd.',
      'A passcode is required: set one in Settings before opening apps.':
        'Er is een toegangscode vereist: stel er een in bij Instellingen voordat je apps opent.',
      'A passcode change is required: change it in Settings before opening apps.':
        'Je toegangscode moet worden gewijzigd: wijzig hem bij Instellingen voordat je apps opent.',
      'The passcode cannot be empty.': 'De toegangscode mag niet leeg zijn.',
    },
    patterns: [
      [
        /^The passcode must be at least (\d+) characters long\.$/,
        (min) => `De toegangscode moet minimaal ${min} tekens lang zijn.`,
      ],
      [
        /^The device cannot take "(.+)" on the screen "(.+)"\.$/,
        (input) => `Dat kan nu niet op dit scherm (${input}).`,
      ],
    ],
    resetTokenStates: { none: 'geen', inactive: 'niet actief', active: 'actief' },
  },
  tour: {
    landmark: 'Rondleiding',
    pick: 'Rondleiding:',
    next: 'Volgende',
    back: 'Vorige',
    finish: 'Voltooien',
    close: 'Rondleiding sluiten',
    starting: 'De apparaten van de rondleiding worden opnieuw ingesteld…',
    keys: '→ / PageDown: volgende · ← / PageUp: vorige',
    noDevice: (name: string) => `Deze vloot heeft geen apparaat met de naam "${name}".`,
    noTemporary: 'Nog geen tijdelijke wachtwoordcode: stel eerst de wachtwoordcode opnieuw in.',
    titles: {
      'ios-no-policy': 'iOS, geen beleid',
      'ios-policy': 'iOS + nalevingsbeleid',
      'android-work-profile': 'Android-werkprofiel',
      'android-device-admin': 'Android-apparaatbeheerder 6.0',
      unsupported: 'Niet ondersteund',
    },
    acts: {
      removePasscode: (action: ActionName) => action,
      openIpad: 'De iPad openen',
      openIphone: 'De iPhone openen',
      openPersonalApp: 'Open een persoonlijke app (die opent nog)',
      tapLater: 'Tik op Later',
      jump60: '60 minuten vooruit',
      setPasscode: (passcode: string) => `Toegangscode ${passcode} instellen`,
      setPin: (pin: string) => `Pincode ${pin} instellen`,
      tapAndEnter: (passcode: string) => `Tik en voer ${passcode} in`,
      enterTemporary: 'Tijdelijke wachtwoordcode invoeren',
      unlockWithIt: 'Daarmee ontgrendelen',
    },
    captions: {
      iosNoPolicy: [
        'De beheerder opent Apparaten › Alle apparaten in Intune. Elk ingeschreven apparaat staat in de lijst.',
        'De beheerder kiest de iPad. Rechts is de iPad van de gebruiker vergrendeld met een toegangscode.',
        (action: ActionName) =>
          `De beheerder kiest ...Meer › ${action} en bevestigt. iOS verwijdert de toegangscode: er komt geen nieuwe.`,
        'De iPad opent nu zonder toegangscode. Er is geen beleid, dus niets vraagt om een nieuwe.',
        (action: ActionName) => `Apparaten › Apparaatacties toont ${action} met de status Voltooid.`,
      ],
      iosPolicy: [
        'Deze iPhone heeft een nalevingsbeleid: een toegangscode van minimaal 6 tekens. Hij is conform.',
        (action: ActionName) => `De beheerder verwijdert de wachtwoordcode (...Meer › ${action} › Ja).`,
        'De gebruiker opent de iPhone: het beginscherm toont de melding Toegangscodevereiste, met 60 minuten aftellen.',
        'De gebruiker kan voorlopig op Later tikken. Versnel de klok, of spring 60 minuten vooruit…',
        '…en na de deadline kan de melding niet meer worden uitgesteld: apps openen niet.',
        'De gebruiker opent Instellingen en stelt een nieuwe toegangscode in. Het apparaat is weer conform.',
        (action: ActionName) => `Apparaatacties toont de actie ${action}: Voltooid.`,
      ],
      androidWorkProfile: [
        (minimum: string) =>
          `Direct na de inschrijving vraagt Android ${minimum} de gebruiker: “Beveilig je werkprofiel”. Het token is nog niet actief.`,
        'De gebruiker tikt op de melding en voert de pincode van het werkprofiel in. De melding verdwijnt.',
        (action: ActionName) => `De beheerder stelt de wachtwoordcode opnieuw in (...Meer › ${action} › Ja).`,
        'Het overzicht toont de tijdelijke wachtwoordcode. Alleen het werkprofiel is vergrendeld: persoonlijke apps openen nog.',
        'De gebruiker opent Outlook (werk) en typt de tijdelijke wachtwoordcode van de beheerder…',
        '…en Android vraagt meteen om een nieuwe pincode voor het werkprofiel.',
        'Apparaatacties toont het opnieuw instellen: Voltooid.',
      ],
      androidDeviceAdmin: [
        'Een Galaxy met Android 6.0, beheerd als apparaatbeheerder. Hij is vergrendeld.',
        (action: ActionName) =>
          `De beheerder kiest ${action}: Android vervangt de wachtwoordcode door een nieuwe tijdelijke.`,
        'Het overzicht toont de tijdelijke wachtwoordcode; de telefoon is vergrendeld en de oude pincode werkt niet meer.',
        'De gebruiker ontgrendelt de telefoon met de tijdelijke wachtwoordcode.',
      ],
      unsupported: [
        (action: ActionName, workProfile: string) =>
          `Android-werkprofiel ${workProfile}: ${action} is niet beschikbaar, met de reden erbij.`,
        'Android-apparaatbeheerder 7.0 en hoger kan ook niet opnieuw worden ingesteld.',
        'macOS: niet ondersteund.',
        'Windows: niet ondersteund.',
      ],
    },
  },
};
