// The trainer console in real headless Chromium, against the real server and the real agents of the default fleet:
// every tour twice in English and in Dutch, projector sizes and zoom, axe on each view, and a server restart.
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Messages } from '../../console/src/i18n/en.js';
import { languages } from '../../console/src/i18n/messages.js';
import {
  boxesOverlap,
  buildConsole,
  CHROMIUM,
  type ConsoleServer,
  devicesTableOverflow,
  hasChromium,
  launchBrowser,
  layoutProblems,
  newContext,
  SCREENSHOTS,
  seriousAxeViolations,
  startConsoleServer,
} from './console-harness.js';

if (!hasChromium) {
  console.warn(
    `\n*** SKIPPING the console browser tests: ${CHROMIUM} is missing. Install it: apt-get install -y chromium ***\n`,
  );
}

const IPHONE = 'iPhone (passcode policy)';
const IPAD = 'iPad (no policy)';
const PIXEL = 'Pixel work profile (token not activated)';
const GALAXY_WORK_PROFILE = 'Galaxy work profile (token active)';
const NEXUS = 'Nexus work profile 6.0 (unsupported)';
const DEVICE_ADMIN = 'Galaxy device admin 6.0';
const MACBOOK = 'MacBook Pro (unsupported)';
const SURFACE = 'Surface (unsupported)';
/** The demo fleet's passcodes, to unlock phones for a test. */
const PASSCODES: Record<string, string> = { [IPHONE]: '123456', [IPAD]: '2468', [DEVICE_ADMIN]: '1111' };
const WAIT = { timeout: 10_000 };

/** Sizes a projector gives; a zoomed page is a smaller CSS viewport drawn with more device pixels. */
const SIZES = [
  { name: '1024x768', width: 1024, height: 768, scale: 1 },
  { name: '1280x720', width: 1280, height: 720, scale: 1 },
  { name: '1920x1080', width: 1920, height: 1080, scale: 1 },
  { name: '1280x720-zoom150', width: Math.round(1280 / 1.5), height: Math.round(720 / 1.5), scale: 1.5 },
  { name: '1280x720-zoom200', width: 640, height: 360, scale: 2 },
];

/** The console at a route (`/devices?phones=…`), signed in with the server's printed tokens. */
const linkTo = (server: ConsoleServer, route: string) =>
  `${server.url}/#token=${encodeURIComponent(server.adminToken)}&sim=${encodeURIComponent(server.simToken)}&${route}`;

/**
 * The contrast ratio (WCAG 2) of an element's text against what is behind it, as drawn: the text colour faded by
 * its own alpha and every ancestor's opacity over the nearest opaque background.
 */
function drawnContrast(element: Element): number {
  const rgba = (color: string) => {
    const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
    return { rgb: [r, g, b], alpha: a };
  };
  let opacity = 1;
  let background: number[] | null = null;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    opacity *= Number(style.opacity);
    const fill = rgba(style.backgroundColor);
    if (!background && fill.alpha === 1) background = fill.rgb;
  }
  const behind = background ?? [255, 255, 255];
  const text = rgba(getComputedStyle(element).color);
  const alpha = text.alpha * opacity;
  const drawn = text.rgb.map((channel, index) => channel * alpha + (behind[index] ?? 255) * (1 - alpha));
  const luminance = (rgb: number[]) => {
    const [r = 0, g = 0, b = 0] = rgb.map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(drawn), luminance(behind)].sort((x, y) => y - x);
  return ((light ?? 1) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Home screen labels cut short (an ellipsis on one line, or a second line clamped) or running into each other. */
function cutOrCrowdedLabels(): string[] {
  const labels = Array.from(document.querySelectorAll<HTMLElement>('.home-screen .app-icon .name'));
  const problems = labels
    .filter(
      (label) => label.scrollWidth > label.clientWidth + 0.5 || label.scrollHeight > label.clientHeight + 0.5,
    )
    .map((label) => `cut: ${label.textContent}`);
  for (const [index, label] of labels.entries()) {
    for (const other of labels.slice(index + 1)) {
      const a = label.getBoundingClientRect();
      const b = other.getBoundingClientRect();
      const overlapping =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      if (overlapping) problems.push(`crowded: ${label.textContent} / ${other.textContent}`);
    }
  }
  return problems;
}

describe.skipIf(!hasChromium)(
  'trainer console (headless Chromium; skipped without /usr/bin/chromium)',
  () => {
    let server: ConsoleServer;
    let browser: Browser;

    beforeAll(async () => {
      await Promise.all([buildConsole(), mkdir(SCREENSHOTS, { recursive: true })]);
      server = await startConsoleServer();
      browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    describe.each([
      ['en', 'en-GB'],
      ['nl', 'nl-NL'],
    ] as const)('in %s (browser language %s)', (language, locale) => {
      const m: Messages = languages[language];
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        context = await newContext(browser, locale);
        page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto(server.link);
        await allDevicesTable().getByRole('button', { name: IPHONE }).waitFor(WAIT);
      }, 30_000);
      afterAll(() => context?.close());

      const allDevicesTable = () => page.getByRole('table', { name: m.portal.allDevices });
      const phone = (name: string) => page.getByRole('region', { name: m.phones.region(name) });
      const view = (name: string) => phone(name).getAttribute('data-view');
      const tourBar = () => page.getByRole('region', { name: m.tour.landmark });
      const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${language}-${name}.png` });
      // The seed's edition names the action Remove passcode on every platform.
      const actionName = m.actionNames['Remove passcode'] ?? '';
      const noAxeViolations = async (where: string) =>
        expect(await seriousAxeViolations(page), `axe on ${where}`).toEqual([]);
      const openDevice = async (name: string) => {
        await page
          .getByRole('navigation', { name: m.portal.devicesMenu })
          .getByRole('button', { name: m.portal.allDevices })
          .click();
        await allDevicesTable().getByRole('button', { name, exact: true }).click();
        await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
        await phone(name).waitFor(WAIT);
      };

      it('speaks the browser language, lists every device from Graph, and hides the token', async () => {
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        expect(page.url()).not.toContain('token=');
        await expect.poll(() => allDevicesTable().locator('tbody tr').count(), WAIT).toBe(9);
        await page.getByRole('heading', { level: 1, name: m.portal.allDevices }).waitFor(WAIT);
        await noAxeViolations('All devices');
        await shot('01-all-devices');
        // The printed link opened again in this tab changes only the fragment: its tokens are taken and hidden too.
        await page.evaluate(
          ([admin, sim]) => {
            window.location.hash = `#token=${encodeURIComponent(admin ?? '')}&sim=${encodeURIComponent(sim ?? '')}`;
          },
          [server.adminToken, server.simToken],
        );
        await expect.poll(() => page.url(), WAIT).not.toContain('token=');
        await expect.poll(() => allDevicesTable().locator('tbody tr').count(), WAIT).toBe(9);
        // "Change token" asks before it forgets the tokens: a click by mistake mid-demo changes nothing.
        await page.getByRole('button', { name: m.header.changeToken }).click();
        await page
          .getByRole('dialog', { name: m.changeTokenDialog.title })
          .getByRole('button', { name: m.overview.no })
          .click();
        await expect.poll(() => allDevicesTable().locator('tbody tr').count(), WAIT).toBe(9);
      });

      it('moves focus into the opened device and back to "... More" after the dialog; the menu closes outside', async () => {
        // The header's reset puts the fleet back first, whatever ran before.
        await page.getByRole('button', { name: m.header.reset }).click();
        const resetDialog = page.getByRole('dialog', { name: m.resetDialog.title });
        await resetDialog.waitFor(WAIT);
        await noAxeViolations('the reset dialog');
        await resetDialog.getByRole('button', { name: m.resetDialog.confirm }).click();
        await page
          .getByRole('status')
          .filter({ hasText: m.header.resetDone(9) })
          .waitFor({ state: 'attached', ...WAIT });
        await openDevice(IPHONE);
        expect(await view(IPHONE)).toBe('lockScreen');
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe('H1');
        const more = page.getByRole('button', { name: m.overview.more });
        await more.click();
        await page.getByRole('menu').waitFor(WAIT);
        await noAxeViolations('the ... More menu');
        await page.getByRole('heading', { level: 1, name: IPHONE }).click();
        await page.getByRole('menu').waitFor({ state: 'detached', ...WAIT });
        await more.click();
        await page.getByRole('menuitem', { name: actionName }).click();
        const dialog = page.getByRole('dialog', { name: actionName });
        await dialog.waitFor(WAIT);
        await noAxeViolations('the confirmation dialog');
        await shot('02-confirm-dialog');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached', ...WAIT });
        await expect
          .poll(() => more.evaluate((button) => button === document.activeElement), WAIT)
          .toBe(true);
        // The wrong passcode's message never covers the Unlock button.
        await phone(IPHONE).getByLabel(m.device.byPlatform.ios.enterPasscode).fill('000000');
        await phone(IPHONE).getByRole('button', { name: m.device.byPlatform.ios.unlock }).click();
        await phone(IPHONE).getByLabel(m.phones.message).waitFor(WAIT);
        // The message sits above the passcode field, clear of the lock screen's clock.
        expect(
          await boxesOverlap(phone(IPHONE).getByLabel(m.phones.message), phone(IPHONE).locator('.big-time')),
        ).toBe(false);
        expect(await layoutProblems(page)).toEqual([]);
        await noAxeViolations('the device overview');
        await shot('03-wrong-passcode');
      });

      it("shows the portal's failure text with its remedy when the reset token is not active", async () => {
        await openDevice(PIXEL);
        await page.getByRole('button', { name: m.overview.more }).click();
        await page.getByRole('menuitem', { name: actionName }).click();
        await page
          .getByRole('dialog', { name: actionName })
          .getByRole('button', { name: m.overview.yes })
          .click();
        await expect
          .poll(() => page.getByLabel(m.overview.actionStatus).textContent(), WAIT)
          .toBe(m.actionState.failed);
        const failure = m.failure.byCode[2001];
        await page.getByText(failure?.text(actionName) ?? '').waitFor(WAIT);
        await page.getByText(failure?.remedy ?? '').waitFor(WAIT);
        await noAxeViolations('a failed action');
        await shot('03b-failed-with-remedy');
      });

      it('shows what Reset simulation did on screen, and still tells screen readers', async () => {
        await openDevice(PIXEL);
        await page.getByRole('button', { name: m.header.reset }).click();
        await page
          .getByRole('dialog', { name: m.resetDialog.title })
          .getByRole('button', { name: m.resetDialog.confirm })
          .click();
        const said = m.header.resetDone(9);
        await page
          .getByRole('status')
          .filter({ hasText: said })
          .waitFor({ state: 'attached', ...WAIT });
        // Somewhere on screen the sentence stands readable: a box of its own, inside the window, not clipped away.
        const shownOnScreen = () =>
          page.evaluate((text) => {
            return Array.from(document.querySelectorAll<HTMLElement>('body *')).some((element) => {
              if (element.textContent?.trim() !== text || element.children.length > 0) return false;
              const box = element.getBoundingClientRect();
              const style = getComputedStyle(element);
              return (
                box.width > 120 &&
                box.height > 14 &&
                box.top >= 0 &&
                box.right <= window.innerWidth &&
                style.clipPath === 'none' &&
                style.visibility === 'visible' &&
                Number(style.opacity) > 0.9
              );
            });
          }, said);
        await expect.poll(shownOnScreen, WAIT).toBe(true);
        // It leaves the phone's name in view (it used to sit over the top of the phone pane).
        const toast = page.locator('.reset-toast');
        await toast.waitFor(WAIT);
        expect(await boxesOverlap(toast, phone(PIXEL).locator('.phone-label strong'))).toBe(false);
        expect(await layoutProblems(page)).toEqual([]);
        await noAxeViolations('the reset toast');
        await shot('01b-reset-simulation-toast');
      });

      it("keeps a greyed-out action's reason readable: 4.5:1 or more against the menu", async () => {
        await openDevice(SURFACE);
        await page.getByRole('button', { name: m.overview.more }).click();
        const item = page.getByRole('menuitem', { name: new RegExp(actionName) });
        expect(await item.getAttribute('aria-disabled')).toBe('true');
        const reason = item.locator('span').first();
        expect(await reason.textContent()).toContain(m.overview.notSupported(''));
        expect(await reason.evaluate(drawnContrast)).toBeGreaterThanOrEqual(4.5);
        expect(await item.evaluate(drawnContrast)).toBeGreaterThanOrEqual(4.5);
        await noAxeViolations('a greyed-out action in ... More');
        await shot('03c-greyed-out-action');
        await page.keyboard.press('Escape');
        await page.getByRole('menu').waitFor({ state: 'detached', ...WAIT });
      });

      it("speaks each phone's own words: PIN (or password) on Android, passcode on iOS", async () => {
        const said =
          language === 'en'
            ? {
                android: {
                  enter: 'Enter your PIN',
                  wrong: 'Wrong PIN',
                  set: 'PIN set',
                  settings: 'Security',
                },
                androidLock: ['Screen lock', 'PIN'],
                androidPassword: {
                  enter: 'Enter your password',
                  wrong: 'Wrong password',
                  set: 'Password set',
                },
                ios: 'Enter Passcode',
                iosWord: /passcode/i,
              }
            : {
                android: {
                  enter: 'Geef je pincode op',
                  wrong: 'Onjuiste pincode',
                  set: 'Pincode ingesteld',
                  settings: 'Beveiliging',
                },
                androidLock: ['Schermvergrendeling', 'Pincode'],
                androidPassword: {
                  enter: 'Geef je wachtwoord op',
                  wrong: 'Onjuist wachtwoord',
                  set: 'Wachtwoord ingesteld',
                },
                ios: 'Voer toegangscode in',
                iosWord: /toegangscode/i,
              };
        const android = m.device.byPlatform.android;
        /** What the user sees on the glass and beside it, without the admin's temporary passcode hint. */
        const phoneText = async (name: string) =>
          (await phone(name).locator('.glass, .phone-facts').allTextContents()).join(' ');
        await server.simPost('/sim/reset', { deviceIds: [DEVICE_ADMIN, PIXEL, IPHONE].map(server.deviceId) });

        await openDevice(DEVICE_ADMIN);
        const galaxy = phone(DEVICE_ADMIN);
        await galaxy.getByLabel(said.android.enter, { exact: true }).fill('0000');
        await galaxy.getByRole('button', { name: android.unlock }).click();
        await expect
          .poll(() => galaxy.getByLabel(m.phones.message).textContent(), WAIT)
          .toBe(said.android.wrong);
        expect(await boxesOverlap(galaxy.getByLabel(m.phones.message), galaxy.locator('.big-time'))).toBe(
          false,
        );
        await galaxy.getByText(said.android.set, { exact: true }).waitFor(WAIT);
        expect(await phoneText(DEVICE_ADMIN)).not.toMatch(said.iosWord);
        expect(await layoutProblems(page)).toEqual([]);
        await shot('14-android-wrong-pin');
        await galaxy.getByLabel(said.android.enter, { exact: true }).fill(PASSCODES[DEVICE_ADMIN] ?? '');
        await galaxy.getByRole('button', { name: android.unlock }).click();
        await expect.poll(() => view(DEVICE_ADMIN), WAIT).toBe('home');
        await galaxy.getByRole('button', { name: m.device.settings }).click();
        await galaxy.getByRole('heading', { name: said.android.settings, exact: true }).waitFor(WAIT);
        const lockRow = await galaxy.locator('.setting-row').textContent();
        for (const word of said.androidLock) expect(lockRow).toContain(word);
        expect(await phoneText(DEVICE_ADMIN)).not.toMatch(said.iosWord);
        await noAxeViolations('Android Settings');
        await shot('14b-android-settings');

        // The work profile: the notification, its challenge and the facts say PIN too.
        await openDevice(PIXEL);
        const pixel = phone(PIXEL);
        await pixel
          .getByRole('button', { name: new RegExp(m.device.notifications.secureWorkProfile?.title ?? '') })
          .click();
        await expect.poll(() => view(PIXEL), WAIT).toBe('workProfileChallenge');
        expect(await phoneText(PIXEL)).not.toMatch(said.iosWord);
        await shot('14c-android-work-profile-challenge');

        // The iPhone keeps Apple's word.
        await openDevice(IPHONE);
        await phone(IPHONE).getByLabel(said.ios, { exact: true }).waitFor(WAIT);

        // A passcode with letters is a password on Android's lock screen, as AOSP's keyguard says.
        const input = (type: string, passcode?: string) =>
          server.simPost(`/sim/devices/${server.deviceId(DEVICE_ADMIN)}/input`, { type, passcode });
        await server.simPost('/sim/reset', { deviceIds: [server.deviceId(DEVICE_ADMIN)] });
        await input('unlock', PASSCODES[DEVICE_ADMIN]);
        await input('openSettings');
        // Settings asks for the current PIN before it takes a new lock, as Android's Settings does.
        await openDevice(DEVICE_ADMIN);
        await galaxy.getByLabel(android.currentPasscode, { exact: true }).fill(PASSCODES[DEVICE_ADMIN] ?? '');
        await galaxy.getByLabel(android.changePasscode, { exact: true }).fill('abc123');
        await shot('14c2-android-change-pin-asks-current');
        await galaxy.getByRole('button', { name: android.setPasscode, exact: true }).click();
        await galaxy.getByText(said.androidPassword.set, { exact: true }).waitFor(WAIT);
        await input('lock');
        await galaxy.getByLabel(said.androidPassword.enter, { exact: true }).fill('0000');
        await galaxy.getByRole('button', { name: android.unlock }).click();
        await expect
          .poll(() => galaxy.getByLabel(m.phones.message).textContent(), WAIT)
          .toBe(said.androidPassword.wrong);
        await galaxy.getByText(said.androidPassword.set, { exact: true }).waitFor(WAIT);
        expect(await phoneText(DEVICE_ADMIN)).not.toMatch(/PIN|pincode/i);
        expect(await layoutProblems(page)).toEqual([]);
        await shot('14d-android-wrong-password');
        await server.simPost('/sim/reset', { deviceIds: [server.deviceId(DEVICE_ADMIN)] });
      });

      it('shows the app labels whole, and All devices beside two phones unscrolled, at 1024x768, 1280x720, 1920x1080', async () => {
        const homeScreens = [IPHONE, IPAD, PIXEL, DEVICE_ADMIN];
        await server.simPost('/sim/reset', { deviceIds: homeScreens.map(server.deviceId) });
        for (const name of [IPHONE, IPAD, DEVICE_ADMIN]) {
          await server.simPost(`/sim/devices/${server.deviceId(name)}/input`, {
            type: 'unlock',
            passcode: PASSCODES[name],
          });
        }
        const devicesRows = (view: Page) =>
          view.getByRole('table', { name: m.portal.allDevices }).locator('tbody tr');
        for (const size of SIZES.filter((candidate) => candidate.scale === 1)) {
          const sized = await context.browser()?.newContext({
            locale,
            viewport: { width: size.width, height: size.height },
          });
          if (!sized) throw new Error('no browser');
          const view = await sized.newPage();
          for (const pair of [
            [IPHONE, PIXEL],
            [IPAD, DEVICE_ADMIN],
          ]) {
            await view.goto(linkTo(server, `/devices?phones=${pair.map(server.deviceId).join(',')}`));
            for (const name of pair) {
              await expect
                .poll(
                  () => view.getByRole('region', { name: m.phones.region(name) }).getAttribute('data-view'),
                  WAIT,
                )
                .toBe('home');
            }
            const where = `${pair.join(' + ')} at ${size.name}`;
            expect(await view.evaluate(cutOrCrowdedLabels), where).toEqual([]);
            expect(await view.locator('.home-screen .app-icon .name').allTextContents(), where).toEqual(
              expect.arrayContaining([m.device.outlook, m.device.teams, m.device.settings]),
            );
            // All devices beside two phones fits its side without a sideways scroll (fewer columns where narrow).
            await devicesRows(view).nth(8).waitFor(WAIT);
            expect(await devicesTableOverflow(view), where).toEqual({ table: 0, container: 0 });
            expect(await layoutProblems(view), where).toEqual([]);
            await view.screenshot({
              path: `${SCREENSHOTS}/${language}-15-home-${pair[0] === IPHONE ? 'iphone-pixel' : 'ipad-galaxy'}-${size.name}.png`,
            });
          }
          // Two computers, the widest frames, leave it the least room: the names and compliance still fit.
          await view.goto(
            linkTo(server, `/devices?phones=${[MACBOOK, SURFACE].map(server.deviceId).join(',')}`),
          );
          await view.getByRole('region', { name: m.phones.region(SURFACE) }).waitFor(WAIT);
          await devicesRows(view).nth(8).waitFor(WAIT);
          const where = `${MACBOOK} + ${SURFACE} at ${size.name}`;
          expect(await devicesTableOverflow(view), where).toEqual({ table: 0, container: 0 });
          expect(await layoutProblems(view), where).toEqual([]);
          await view.screenshot({ path: `${SCREENSHOTS}/${language}-15-computers-${size.name}.png` });
          await sized.close();
        }
      }, 90_000);

      /** Starts a tour (which resets its devices) and returns helpers for its steps. */
      const startTour = async (id: string, steps: number) => {
        await tourBar().getByRole('button', { name: m.tour.titles[id], exact: true }).click();
        await tourBar().getByText(`1/${steps}`).waitFor(WAIT);
        let at = 1;
        return {
          /** Next step: with the Next button, or a presenter clicker's PageDown. */
          async next(how: 'button' | 'PageDown' = 'button') {
            if (how === 'button')
              await tourBar().getByRole('button', { name: m.tour.next, exact: true }).click();
            else {
              await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
              await page.keyboard.press('PageDown');
            }
            at++;
            await tourBar().getByText(`${at}/${steps}`).waitFor(WAIT);
          },
          /** Presses the step's ▶ and waits until it has run. */
          async play() {
            const play = tourBar().getByRole('button', { name: /^▶/ });
            await play.click();
            await expect.poll(() => play.isEnabled(), WAIT).toBe(true);
            expect(await tourBar().getByRole('alert').count()).toBe(0);
          },
          async finish() {
            await tourBar().getByRole('button', { name: m.tour.finish }).click();
            await tourBar().getByRole('button', { name: m.tour.titles[id], exact: true }).waitFor(WAIT);
          },
        };
      };
      const actionStatus = () => page.getByLabel(m.overview.actionStatus).textContent();

      for (const run of [1, 2]) {
        it(`runs every tour (run ${run} of 2 on the same server)`, async () => {
          // iOS without a policy: the ▶ step goes through "... More" and the dialog, visibly.
          let tour = await startTour('ios-no-policy', 5);
          await tour.next();
          expect(await view(IPAD)).toBe('lockScreen');
          await tour.next('PageDown');
          await tour.play();
          await expect.poll(actionStatus, WAIT).toBe(m.actionState.done);
          await tour.next();
          await tour.play();
          await expect.poll(() => view(IPAD), WAIT).toBe('home');
          await tour.next();
          await page.getByRole('table', { name: m.portal.deviceActions }).waitFor(WAIT);
          if (run === 1) {
            await noAxeViolations('Device actions');
            await shot('04-device-actions');
          }
          await tour.finish();

          // iOS with a policy: the prompt, Later, the 60-minute jump shows the enforced prompt at once.
          tour = await startTour('ios-policy', 7);
          expect(await view(IPHONE)).toBe('lockScreen');
          await tour.next();
          await tour.play();
          await expect.poll(actionStatus, WAIT).toBe(m.actionState.done);
          await tour.next();
          await tour.play();
          await expect.poll(() => view(IPHONE), WAIT).toBe('passcodeRequirement');
          if (run === 1) expect(await layoutProblems(page)).toEqual([]);
          await shot('05-iphone-passcode-requirement');
          await tour.next();
          await tour.play();
          await expect.poll(() => view(IPHONE), WAIT).toBe('home');
          await tour.next();
          await tour.play();
          await expect.poll(() => view(IPHONE), WAIT).toBe('passcodeRequirement');
          await phone(IPHONE).getByText(m.device.promptEnforced).waitFor(WAIT);
          if (run === 1) {
            await noAxeViolations('the enforced passcode prompt');
            expect(await layoutProblems(page)).toEqual([]);
            await shot('06-iphone-enforced');
          }
          await tour.next();
          await tour.play();
          await phone(IPHONE).getByText(m.phones.compliant, { exact: true }).waitFor(WAIT);
          await tour.next();
          await tour.finish();

          // Android work profile: the notification, the token, a reset that locks only the work profile.
          tour = await startTour('android-work-profile', 7);
          const notification = phone(PIXEL).getByRole('button', {
            name: new RegExp(m.device.notifications.secureWorkProfile?.title ?? ''),
          });
          await notification.waitFor(WAIT);
          if (run === 1) {
            await noAxeViolations('the work profile notification');
            expect(await layoutProblems(page)).toEqual([]);
            await shot('07-pixel-notification');
          }
          await tour.next();
          await tour.play();
          await notification.waitFor({ state: 'detached', ...WAIT });
          await phone(PIXEL)
            .getByText(m.phones.resetToken(m.device.resetTokenStates.active ?? ''))
            .waitFor(WAIT);
          await tour.next();
          await tour.play();
          await page.getByLabel(m.overview.temporaryPasscode, { exact: true }).waitFor(WAIT);
          // Only the work profile locks: the user stays Home, where the work apps show their lock.
          await expect.poll(() => view(PIXEL), WAIT).toBe('home');
          await phone(PIXEL).getByText(m.device.workLocked).waitFor(WAIT);
          await tour.next();
          await tour.play();
          await expect.poll(() => view(PIXEL), WAIT).toBe('personalApp');
          await phone(PIXEL).getByText(m.device.personalAppText).waitFor(WAIT);
          if (run === 1) expect(await layoutProblems(page)).toEqual([]);
          await shot('08-pixel-personal-app-while-work-locked');
          await tour.next();
          await tour.play();
          await expect.poll(() => view(PIXEL), WAIT).toBe('setNewWorkProfilePasscode');
          await tour.next();
          await tour.play();
          await expect.poll(() => view(PIXEL), WAIT).toBe('app');
          await tour.next();
          await tour.finish();

          // Android device administrator 6.0: a temporary passcode that unlocks the phone.
          tour = await startTour('android-device-admin', 4);
          await tour.next();
          await tour.play();
          await page.getByLabel(m.overview.temporaryPasscode, { exact: true }).waitFor(WAIT);
          await tour.next();
          await tour.next();
          await tour.play();
          await expect.poll(() => view(DEVICE_ADMIN), WAIT).toBe('home');
          await tour.finish();

          // Unsupported: the action greyed out with the reason, on frames that match each device.
          tour = await startTour('unsupported', 4);
          for (const [index, frame] of ['android', 'android', 'mac', 'windows'].entries()) {
            await page.getByRole('note', { name: m.overview.unavailableLabel(actionName) }).waitFor(WAIT);
            await page.locator(`.phone.${frame}`).waitFor(WAIT);
            // Android 6.0's work profile has no reset token, so no "Secure your work profile" notification.
            expect(await page.locator('.notification').count()).toBe(0);
            if (run === 1 && index >= 2) {
              await noAxeViolations(`unsupported ${frame}`);
              expect(await layoutProblems(page)).toEqual([]);
              await shot(`09-unsupported-${frame}`);
            }
            if (index < 3) await tour.next();
          }
          await tour.finish();
        }, 180_000);
      }

      it('keeps the layout sound at 1024x768, 1280x720, 1920x1080 and at 150% and 200% zoom, and in presenter mode', async () => {
        const tour = await startTour('ios-policy', 7);
        await tour.next();
        for (const size of SIZES) {
          const sized = await context.browser()?.newContext({
            locale,
            viewport: { width: size.width, height: size.height },
            deviceScaleFactor: size.scale,
          });
          if (!sized) throw new Error('no browser');
          const view = await sized.newPage();
          // The same place, by its URL: the tour step, the device and its phone.
          await view.goto(
            `${server.url}/${new URL(page.url()).hash.replace(/^#/, `#token=${encodeURIComponent(server.adminToken)}&sim=${encodeURIComponent(server.simToken)}&`)}`,
          );
          await view.getByRole('heading', { level: 1, name: IPHONE }).waitFor(WAIT);
          await view.getByRole('region', { name: m.phones.region(IPHONE) }).waitFor(WAIT);
          await view.getByRole('region', { name: m.tour.landmark }).getByText('2/7').waitFor(WAIT);
          expect(await layoutProblems(view), size.name).toEqual([]);
          await view.screenshot({ path: `${SCREENSHOTS}/${language}-10-layout-${size.name}.png` });
          // All devices, the widest table, fits too.
          await view
            .getByRole('navigation', { name: m.portal.devicesMenu })
            .getByRole('button', { name: m.portal.allDevices })
            .click();
          await view
            .getByRole('table', { name: m.portal.allDevices })
            .locator('tbody tr')
            .nth(8)
            .waitFor(WAIT);
          expect(await layoutProblems(view), `${size.name} all devices`).toEqual([]);
          await view.screenshot({ path: `${SCREENSHOTS}/${language}-10-all-devices-${size.name}.png` });
          await view.goBack();
          await view.getByRole('heading', { level: 1, name: IPHONE }).waitFor(WAIT);
          if (size.scale === 1) {
            const phoneHeight = () =>
              view.locator('.phone .frame').evaluate((frame) => frame.getBoundingClientRect().height);
            const normalHeight = await phoneHeight();
            await view.getByRole('button', { name: m.header.presenter }).click();
            await view.locator('.console.presenter').waitFor(WAIT);
            // At these sizes presenter mode shows the phone at least as big as the same window without it (the README
            // says where, in between, its larger captions leave the phone a little smaller).
            const presenterHeight = await phoneHeight();
            expect(presenterHeight, `${size.name} presenter phone`).toBeGreaterThanOrEqual(normalHeight);
            if (size.width >= 1280)
              expect(presenterHeight, `${size.name} presenter phone`).toBeGreaterThan(normalHeight * 1.05);
            if (size.width === 1280)
              expect(await seriousAxeViolations(view), 'axe in presenter mode').toEqual([]);
            expect(await layoutProblems(view), `${size.name} presenter`).toEqual([]);
            await view.screenshot({ path: `${SCREENSHOTS}/${language}-11-presenter-${size.name}.png` });
          }
          await sized.close();
        }
        await tourBar().getByRole('button', { name: m.tour.close }).click();
      }, 120_000);
    });

    it('recovers from a server restart under the open page, and reload and Back keep the place', async () => {
      const m = languages.en;
      const context = await newContext(browser, 'en-GB');
      const page = await context.newPage();
      await page.goto(server.link);
      const live = page.getByRole('status', { name: m.header.liveLabel });
      await expect.poll(() => live.textContent(), WAIT).toBe(m.header.live);
      await page
        .getByRole('table', { name: m.portal.allDevices })
        .getByRole('button', { name: IPAD })
        .click();
      await page.getByRole('heading', { level: 1, name: IPAD }).waitFor(WAIT);

      const ipad = page.getByRole('region', { name: m.phones.region(IPAD) });
      const before = await ipad.getAttribute('data-view');

      // The server goes away under the open page: the indicator says so, and a view opened meanwhile fails.
      await server.stop();
      await expect.poll(() => live.textContent(), WAIT).not.toBe(m.header.live);
      await expect.poll(() => live.textContent(), { timeout: 15_000 }).toBe(m.header.offline);
      await page
        .getByRole('navigation', { name: m.portal.devicesMenu })
        .getByRole('button', { name: m.portal.deviceActions })
        .click();
      await page
        .getByRole('alert')
        .getByText(/Could not load device actions/)
        .waitFor(WAIT);
      await page.screenshot({ path: `${SCREENSHOTS}/en-12-server-down.png` });
      // Back up: without a reload the indicator turns Live, the error goes and the table loads.
      await server.start();
      await expect.poll(() => live.textContent(), { timeout: 15_000 }).toBe(m.header.live);
      await page.getByRole('alert').waitFor({ state: 'detached', ...WAIT });
      await page.getByRole('heading', { level: 1, name: m.portal.deviceActions }).waitFor(WAIT);
      await page.goBack();
      // The admin pane loads again by itself, with no error left on screen, and the phone as it was.
      await page.getByRole('heading', { level: 1, name: IPAD }).waitFor(WAIT);
      expect(await ipad.getAttribute('data-view')).toBe(before);
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.screenshot({ path: `${SCREENSHOTS}/en-12-after-restart.png` });
      // Once the iPad's agent is back (its label says offline until the console hears so), it acts live again.
      const agent = server.fleet.agent(server.deviceId(IPAD));
      await expect.poll(() => agent?.status, { timeout: 15_000 }).toBe('online');
      await ipad.locator('.offline').waitFor({ state: 'detached', ...WAIT });
      await page.getByRole('button', { name: m.header.reset }).click();
      await page
        .getByRole('dialog', { name: m.resetDialog.title })
        .getByRole('button', { name: m.resetDialog.confirm })
        .click();
      await expect.poll(() => ipad.getAttribute('data-view'), WAIT).toBe('lockScreen');
      // A refusal on the glass is about the screen it was given on: once the device moves on (here, another reset of
      // the simulation) it goes, not left over the next screen.
      await ipad.getByLabel(m.device.byPlatform.ios.enterPasscode).fill('0000');
      await ipad.getByRole('button', { name: m.device.byPlatform.ios.unlock }).click();
      await ipad.locator('.toast.refused').waitFor(WAIT);
      await page.getByRole('button', { name: m.header.reset }).click();
      await page
        .getByRole('dialog', { name: m.resetDialog.title })
        .getByRole('button', { name: m.resetDialog.confirm })
        .click();
      await ipad.locator('.toast').waitFor({ state: 'detached', ...WAIT });
      await ipad.getByLabel(m.device.byPlatform.ios.enterPasscode).fill('2468');
      await ipad.getByRole('button', { name: m.device.byPlatform.ios.unlock }).click();
      await expect.poll(() => ipad.getAttribute('data-view'), WAIT).toBe('home');

      // Reload keeps the device; Back returns to All devices.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: IPAD }).waitFor(WAIT);
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: m.portal.allDevices }).waitFor(WAIT);
      await context.close();
    }, 60_000);

    it('says so when the simulator token is refused, rather than showing the server offline', async () => {
      const context = await newContext(browser, 'en-GB');
      const page = await context.newPage();
      await page.goto(
        `${server.url}/#token=${encodeURIComponent(server.adminToken)}&sim=not-the-simulator-token-123`,
      );
      await page
        .getByRole('alert')
        .filter({ hasText: /simulator token/i })
        .waitFor(WAIT);
      await context.close();
    });

    it('asks for the token when the page is opened without one', async () => {
      const context = await newContext(browser, 'nl-NL');
      const page = await context.newPage();
      await page.goto(server.url);
      const m = languages.nl;
      await page.getByLabel(m.token.label).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/nl-13-token-form.png` });
      await page.getByLabel(m.token.label).fill(server.adminToken);
      await page.getByLabel(m.token.simLabel).fill(server.simToken);
      await page.getByRole('button', { name: m.token.open }).click();
      await page.getByRole('table', { name: m.portal.allDevices }).waitFor(WAIT);
      expect(server.deviceId(SURFACE)).toMatch(/-/);
      await context.close();
    });

    describe('in the current edition (MDMSIM_SUPPORT_EDITION=current)', () => {
      let current: ConsoleServer;
      beforeAll(async () => {
        current = await startConsoleServer({ supportEdition: 'current' });
      }, 60_000);
      afterAll(() => current?.close());

      /** What today's portal calls the action, per platform, as the test expects to read it. */
      const expected = {
        en: { ios: 'Remove passcode', android: 'Reset passcode' },
        nl: { ios: 'Wachtwoordcode verwijderen', android: 'Wachtwoordcode opnieuw instellen' },
      } as const;

      it.each([
        ['en', 'en-GB'],
        ['nl', 'nl-NL'],
      ] as const)(
        'names the action per device: Remove passcode on iOS, Reset passcode on Android (%s)',
        async (language, locale) => {
          const m: Messages = languages[language];
          const names = expected[language];
          const context = await newContext(browser, locale);
          const page = await context.newPage();
          page.setDefaultTimeout(10_000);
          const shot = (name: string) =>
            page.screenshot({ path: `${SCREENSHOTS}/${language}-16-current-${name}.png` });
          await current.simPost('/sim/reset', {
            deviceIds: [IPAD, GALAXY_WORK_PROFILE, NEXUS].map(current.deviceId),
          });
          await page.goto(current.link);
          const openDevice = async (name: string) => {
            await page
              .getByRole('navigation', { name: m.portal.devicesMenu })
              .getByRole('button', { name: m.portal.allDevices })
              .click();
            await page
              .getByRole('table', { name: m.portal.allDevices })
              .getByRole('button', { name, exact: true })
              .click();
            await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
          };
          /** "... More", the action (named as expected), the dialog titled with it, Yes, and its status heading. */
          const runAction = async (name: string, action: string) => {
            await openDevice(name);
            await page.getByRole('button', { name: m.overview.more }).click();
            await page.getByRole('menuitem', { name: action, exact: true }).click();
            const dialog = page.getByRole('dialog', { name: action });
            await dialog.waitFor(WAIT);
            if (action === names.android) await shot('confirm-android');
            await dialog.getByRole('button', { name: m.overview.yes }).click();
            const status = page.getByRole('region', { name: m.overview.statusLabel(action) });
            await expect
              .poll(() => status.getByLabel(m.overview.actionStatus).textContent(), WAIT)
              .toBe(m.actionState.done);
            expect(await status.getByRole('heading', { level: 2 }).textContent()).toBe(action);
          };

          await runAction(IPAD, names.ios);
          await runAction(GALAXY_WORK_PROFILE, names.android);
          await shot('android-done');

          // Device actions: each row with its own device's name for the action.
          await page
            .getByRole('navigation', { name: m.portal.devicesMenu })
            .getByRole('button', { name: m.portal.deviceActions })
            .click();
          const table = page.getByRole('table', { name: m.portal.deviceActions });
          await table.waitFor(WAIT);
          const actionsOf = async (device: string) =>
            (await table.getByRole('row').filter({ hasText: device }).allTextContents()).map((row) =>
              row.replace(device, ''),
            );
          for (const row of await actionsOf(IPAD)) expect(row).toContain(names.ios);
          for (const row of await actionsOf(GALAXY_WORK_PROFILE)) expect(row).toContain(names.android);
          expect(await actionsOf(IPAD)).not.toEqual([]);
          await shot('device-actions');

          // Unsupported on Android: the note, the reason and the greyed-out item all name Reset passcode.
          await openDevice(NEXUS);
          const note = page.getByRole('note', { name: m.overview.unavailableLabel(names.android) });
          await note.waitFor(WAIT);
          const platform = 'Android Enterprise work profile 7.x and earlier';
          expect(await note.textContent()).toContain(
            m.notSupportedOn(names.android, m.platforms[platform] ?? platform),
          );
          await page.getByRole('button', { name: m.overview.more }).click();
          expect(await page.getByRole('menuitem').textContent()).toContain(names.android);
          await page.keyboard.press('Escape');

          // The tours name the action of the device they follow.
          const tourBar = page.getByRole('region', { name: m.tour.landmark });
          const stepTo = async (id: string, steps: number, step: number) => {
            await tourBar.getByRole('button', { name: m.tour.titles[id], exact: true }).click();
            await tourBar.getByText(`1/${steps}`).waitFor(WAIT);
            for (let at = 2; at <= step; at++) {
              await tourBar.getByRole('button', { name: m.tour.next, exact: true }).click();
              await tourBar.getByText(`${at}/${steps}`).waitFor(WAIT);
            }
          };
          await stepTo('android-work-profile', 7, 3);
          expect(await tourBar.locator('.caption').textContent()).toContain(names.android);
          expect(await tourBar.getByRole('button', { name: /^▶/ }).textContent()).toContain(names.android);
          await shot('android-tour');
          await tourBar.getByRole('button', { name: m.tour.close }).click();
          await stepTo('ios-no-policy', 5, 3);
          expect(await tourBar.locator('.caption').textContent()).toContain(names.ios);
          expect(await tourBar.getByRole('button', { name: /^▶/ }).textContent()).toContain(names.ios);
          await tourBar.getByRole('button', { name: m.tour.close }).click();
          await context.close();
        },
        90_000,
      );
    });
  },
);
