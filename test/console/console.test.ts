// The trainer console in real headless Chromium, against the real server and the real agents of the default fleet.
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulation } from '../../runner/simulation.js';
import {
  buildConsole,
  CHROMIUM,
  hasChromium,
  launchBrowser,
  SCREENSHOTS,
  startConsoleSimulation,
} from './console-harness.js';

if (!hasChromium) {
  console.warn(
    `\n*** SKIPPING the console browser tests: ${CHROMIUM} is missing. Install it: apt-get install -y chromium ***\n`,
  );
}

const IPHONE = 'iPhone (passcode policy)';
const PIXEL = 'Pixel work profile (token not activated)';
const SURFACE = 'Surface (unsupported)';
const WAIT = { timeout: 5_000 };

describe.skipIf(!hasChromium)(
  'trainer console (headless Chromium; skipped without /usr/bin/chromium)',
  () => {
    let sim: Simulation;
    let browser: { context: BrowserContext; close(): Promise<void> };
    let page: Page;

    beforeAll(async () => {
      await Promise.all([buildConsole(), mkdir(SCREENSHOTS, { recursive: true })]);
      sim = await startConsoleSimulation();
      browser = await launchBrowser();
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.setDefaultTimeout(5_000);
      await page.goto(
        `${sim.url}/#token=${encodeURIComponent(sim.adminToken)}&sim=${encodeURIComponent(sim.simToken)}`,
      );
      await page
        .getByRole('table', { name: 'All devices' })
        .getByRole('button', { name: IPHONE })
        .waitFor(WAIT);
    }, 45_000);

    afterAll(async () => {
      await browser?.close();
      await sim?.close();
    });

    const phone = (name: string) => page.getByRole('region', { name: `Phone: ${name}` });
    const openDevice = async (name: string) => {
      await page
        .getByRole('navigation', { name: 'Devices menu' })
        .getByRole('button', { name: 'All devices' })
        .click();
      await page
        .getByRole('table', { name: 'All devices' })
        .getByRole('button', { name, exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
      await phone(name).waitFor(WAIT);
    };
    const removePasscode = async () => {
      await page.getByRole('button', { name: '… More' }).click();
      await page.getByRole('menuitem', { name: /Remove passcode/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Remove passcode' });
      await dialog.getByRole('button', { name: 'Yes' }).click();
    };
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });

    it('hides the token from the address bar and lists every device from Graph', async () => {
      expect(page.url()).not.toContain('token=');
      const rows = page.getByRole('table', { name: 'All devices' }).locator('tbody tr');
      await expect.poll(() => rows.count(), WAIT).toBe(9);
      await shot('01-all-devices');
    });

    it('removes the iPhone passcode; the phone shows the passcode requirement prompt', async () => {
      await openDevice(IPHONE);
      await phone(IPHONE).getByRole('textbox', { name: 'Enter passcode' }).waitFor(WAIT);
      await shot('02-iphone-overview');
      await removePasscode();
      await expect.poll(() => page.getByLabel('Action status').textContent(), WAIT).toBe('Done');
      // The lock screen no longer asks for a passcode; opening it shows the prompt with its countdown.
      await phone(IPHONE).getByRole('button', { name: 'Swipe up to open' }).click();
      const prompt = phone(IPHONE).getByRole('alertdialog', { name: 'Passcode Requirement' });
      await prompt.waitFor(WAIT);
      await expect
        .poll(() => prompt.getByLabel('Time left to set a passcode').textContent(), WAIT)
        .toBe('1:00:00');
      await shot('03-iphone-passcode-requirement');
      // After the deadline the prompt cannot be put off, and a new passcode in Settings makes it compliant.
      await page.getByRole('button', { name: 'Jump ahead +60 min' }).click();
      await prompt.getByText('You must set a passcode now').waitFor(WAIT);
      expect(await prompt.getByRole('button', { name: 'Later' }).count()).toBe(0);
      await prompt.getByRole('button', { name: 'Continue' }).click();
      await phone(IPHONE).getByRole('textbox', { name: 'New passcode' }).fill('12');
      await phone(IPHONE).getByRole('button', { name: 'Set passcode' }).click();
      await expect.poll(() => phone(IPHONE).getByLabel('Phone message').textContent(), WAIT).toMatch(/6/);
      await shot('04-iphone-settings-refused');
      await phone(IPHONE).getByRole('textbox', { name: 'New passcode' }).fill('654321');
      await phone(IPHONE).getByRole('button', { name: 'Set passcode' }).click();
      await phone(IPHONE).getByText('Compliant', { exact: true }).waitFor(WAIT);
    });

    it('activates a work profile reset token from the notification, then resets with a temporary passcode', async () => {
      await openDevice(PIXEL);
      const notification = phone(PIXEL).getByRole('button', {
        name: 'Notification: Secure your work profile',
      });
      await notification.waitFor(WAIT);
      await shot('05-pixel-notification');
      await notification.click();
      await phone(PIXEL).getByRole('textbox', { name: 'Work profile passcode' }).fill('135790');
      await phone(PIXEL).getByRole('button', { name: 'Confirm' }).click();
      await notification.waitFor({ state: 'detached', ...WAIT });
      await phone(PIXEL).getByText('Reset token active').waitFor(WAIT);

      await removePasscode();
      const temporary = page.getByLabel('Temporary passcode');
      await temporary.waitFor(WAIT);
      const passcode = (await temporary.textContent()) ?? '';
      expect(passcode).toMatch(/^\S{4,}$/);
      await expect.poll(() => page.getByLabel('Action status').textContent(), WAIT).toBe('Done');
      await phone(PIXEL).getByRole('heading', { name: 'Work profile locked' }).waitFor(WAIT);
      await shot('06-pixel-temporary-passcode');

      await phone(PIXEL).getByRole('textbox', { name: 'Work profile passcode' }).fill(passcode);
      await phone(PIXEL).getByRole('button', { name: 'Unlock' }).click();
      await phone(PIXEL).getByRole('textbox', { name: 'New work profile passcode' }).fill('246810');
      await phone(PIXEL).getByRole('button', { name: 'Set passcode' }).click();
      await phone(PIXEL)
        .getByRole('heading', { name: /Work Outlook/ })
        .waitFor(WAIT);
    });

    it('lists every action, live, in Device actions', async () => {
      await page
        .getByRole('navigation', { name: 'Devices menu' })
        .getByRole('button', { name: 'Device actions' })
        .click();
      const table = page.getByRole('table', { name: 'Device actions' });
      await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(2);
      await expect.poll(() => table.getByText('Done').count(), WAIT).toBe(2);
      expect(await table.getByText('admin@contoso.onmicrosoft.com').count()).toBe(2);
      await shot('07-device-actions');
    });

    it('does not offer Remove passcode on an unsupported device, and says why', async () => {
      await openDevice(SURFACE);
      await page.getByRole('note', { name: 'Remove passcode unavailable' }).waitFor(WAIT);
      await page.getByRole('button', { name: '… More' }).click();
      const item = page.getByRole('menuitem', { name: /Remove passcode/ });
      expect(await item.getAttribute('aria-disabled')).toBe('true');
      expect(await item.textContent()).toMatch(/Not supported/);
      await shot('08-surface-unsupported');
      // The menu opens with focus on its first item; Enter on the unavailable item does nothing.
      await page.keyboard.press('Enter');
      expect(await page.getByRole('dialog', { name: 'Remove passcode' }).count()).toBe(0);
      // The Graph API refuses it too.
      const status = await page.evaluate(
        async ({ id, token }) =>
          (
            await fetch(`/beta/deviceManagement/managedDevices/${id}/resetPasscode`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
            })
          ).status,
        { id: sim.deviceId(SURFACE), token: sim.adminToken },
      );
      expect(status).toBe(400);
    });

    it('walks a guided tour with Next and Back, driving the live devices', async () => {
      const tour = page.getByRole('region', { name: 'Guided tour' });
      await tour.getByRole('button', { name: 'Android device admin 6.0' }).click();
      await tour.getByText('1/4').waitFor(WAIT);
      await tour.getByRole('button', { name: 'Next' }).click();
      await tour.getByRole('button', { name: '▶ Remove passcode' }).click();
      await page.getByLabel('Temporary passcode').waitFor(WAIT);
      await tour.getByRole('button', { name: 'Next' }).click();
      await tour.getByRole('button', { name: 'Next' }).click();
      await tour.getByRole('button', { name: '▶ Unlock with it' }).click();
      await phone('Galaxy device admin 6.0').getByRole('button', { name: 'Settings' }).waitFor(WAIT);
      await shot('09-tour-device-admin');
      await tour.getByRole('button', { name: 'Back' }).click();
      await tour.getByText('3/4').waitFor(WAIT);
      await tour.getByRole('button', { name: 'Close tour' }).click();
    });

    it('asks for the token when the page is opened without one', async () => {
      const fresh = await browser.context.newPage();
      await fresh.goto(sim.url);
      await fresh.getByLabel('Admin token').waitFor(WAIT);
      await fresh.screenshot({ path: `${SCREENSHOTS}/10-token-form.png` });
      await fresh.getByLabel('Admin token').fill(sim.adminToken);
      await fresh.getByRole('button', { name: 'Open console' }).click();
      await fresh.getByRole('table', { name: 'All devices' }).waitFor(WAIT);
      await fresh.close();
    });
  },
);
