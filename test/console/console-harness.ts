// Starts the real server (with the console plugin) and the default fleet for the browser tests, and a browser.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { build } from 'vite';
import { defaultFleet } from '../../agents/fleet/default-fleet.js';
import { type Simulation, startSimulation } from '../../runner/simulation.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = 'test-results/console';

/** Builds the console once (vite build into dist/console/), as `npm run build:console` does. */
export async function buildConsole(): Promise<void> {
  await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn' });
}

/** The real server (which serves the console at /) and the default fleet's real agents. */
export function startConsoleSimulation(): Promise<Simulation> {
  return startSimulation({ fleet: defaultFleet, fleetName: `console-${randomBytes(4).toString('hex')}` });
}

/** Headless Chromium with a fresh profile, sized like a projector. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'mdmsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
