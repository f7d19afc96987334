// Starts the real server (with the console plugin, restartable with its store) and the default fleet's real agents
// for the browser tests, a headless Chromium, and the checks every view gets: axe, and element boxes.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { defaultFleet } from '../../agents/fleet/default-fleet.js';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { connectFleet, createFleet, type RunningFleet } from '../../agents/runtime/fleet-runner.js';
import { restartablePort } from '../../lib/restartable-port.js';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';
import type { SupportEdition } from '../../shared/support-matrix.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = 'test-results/console';

/** Builds the console once (vite build into dist/console/), as `npm run build:console` does. */
export async function buildConsole(): Promise<void> {
  await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn' });
}

export interface ConsoleServer {
  url: string;
  adminToken: string;
  simToken: string;
  /** The console link the server prints: both tokens in the fragment. */
  link: string;
  fleet: RunningFleet;
  deviceId(name: string): string;
  /** Calls the simulator API as the console does (POST with the simulator token), to set devices up for a test. */
  simPost(path: string, body: unknown): Promise<void>;
  /** Stops the server (the port goes quiet; agents and the console retry). */
  stop(): Promise<void>;
  /** Starts it again on the same port from its SQLite store (the clock carries on); agents reconnect themselves. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server (which serves the console at /) with a SQLite store, and the default fleet's real agents; in the
 * seed's support edition unless told otherwise (MDMSIM_SUPPORT_EDITION).
 */
export async function startConsoleServer(
  options: { supportEdition?: SupportEdition } = {},
): Promise<ConsoleServer> {
  // A store file, as a server started with MDMSIM_STORE_FILE keeps, so a restart finds its devices and clock again.
  const folder = await mkdtemp(join(tmpdir(), 'mdmsim-console-'));
  const config = privateAppConfig({
    store: { kind: 'sqlite', path: join(folder, 'store.db') },
    ...(options.supportEdition ? { supportEdition: options.supportEdition } : {}),
  });
  let host: Host | null = await startHost({
    app: config,
    listen: { host: '127.0.0.1', port: await restartablePort('127.0.0.1') },
  });
  const { url, port } = host;
  const fleet = createFleet(parseFleet(defaultFleet, 'the default fleet'), {
    serverUrl: url,
    enrollmentToken: config.enrollmentToken,
    fleetName: `console-${randomBytes(4).toString('hex')}`,
    // One key for the fleet's life, so the restarted server knows the same devices.
    deviceKey: randomBytes(32).toString('base64url'),
    logger: pino({ level: 'silent' }),
  });
  await connectFleet(fleet, {});
  const stop = async () => {
    await host?.close();
    host = null;
  };
  const deviceId = (name: string) => {
    const agent = fleet.agents.find((candidate) => candidate.inventory.deviceName === name);
    if (!agent) throw new Error(`No device named "${name}".`);
    return agent.deviceId;
  };
  return {
    url,
    adminToken: config.adminToken,
    simToken: config.simToken,
    link: `${url}/#token=${encodeURIComponent(config.adminToken)}&sim=${encodeURIComponent(config.simToken)}`,
    fleet,
    deviceId,
    async simPost(path, body) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.simToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    },
    stop,
    async start() {
      if (host) return;
      host = await startHost({ app: config, listen: { host: '127.0.0.1', port } });
    },
    async close() {
      await fleet.stop();
      await stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium; each test context gets its own browser language (en-GB, nl-NL). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function newContext(browser: Browser, locale: string): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1280, height: 720 } });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA, and best practice). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(', ')}`,
    );
}

/** Whether two elements' boxes on screen share more than a pixel each way (false when either is not drawn). */
export async function boxesOverlap(a: Locator, b: Locator): Promise<boolean> {
  const [first, second] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!first || !second) return false;
  const across = Math.min(first.x + first.width, second.x + second.width) - Math.max(first.x, second.x);
  const down = Math.min(first.y + first.height, second.y + second.height) - Math.max(first.y, second.y);
  return across > 1 && down > 1;
}

/** How far All devices' table and its scroll container (the portal's content) run past their width: 0 when they fit. */
export function devicesTableOverflow(page: Page): Promise<{ table: number; container: number }> {
  return page.evaluate(() => {
    const table = document.querySelector('table[data-table="devices"]');
    const container = document.querySelector('.portal-content');
    if (!table || !container) throw new Error('All devices is not shown.');
    return {
      table: table.scrollWidth - table.clientWidth,
      container: container.scrollWidth - container.clientWidth,
    };
  });
}

/**
 * What is wrong with the layout: header or tour controls overlapping, anything wider than the window, the tour bar
 * below the fold, the portal's table cut off, the phone hidden behind the tour bar, a phone's message over its
 * controls or its clock, the reset's toast over a phone's name or a control. Empty when the layout is sound.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 2 && box.height > 2 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const groups = [
      '.top > *',
      '.clock > *',
      '.top-tools > *',
      '.tour > *',
      '.tour-buttons > *',
      '.overview-head > *',
    ];
    for (const selector of groups) {
      const items = Array.from(document.querySelectorAll(selector)).filter(visible);
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i] as Element;
          const b = items[j] as Element;
          if (a.contains(b) || b.contains(a)) continue;
          if (overlap(a.getBoundingClientRect(), b.getBoundingClientRect())) {
            problems.push(`${name(a)} overlaps ${name(b)}`);
          }
        }
      }
    }
    // Every control and label of the header, across groups, must stand apart.
    const controls = Array.from(
      document.querySelectorAll('.top .stream, .top output, .top button, .top select, .top h1'),
    ).filter(visible);
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i] as Element;
        const b = controls[j] as Element;
        if (overlap(a.getBoundingClientRect(), b.getBoundingClientRect())) {
          problems.push(`${name(a)} overlaps ${name(b)}`);
        }
      }
    }
    // Text that does not fit its box spills over its neighbours.
    for (const element of Array.from(
      document.querySelectorAll(
        '.portal-menu button, .properties dt, .properties dd, .top button, .tour button, .grid th, .grid td, .phone-facts li, .phone h3, .phone .status-bar > *, .phone .setting-row',
      ),
    )) {
      if (visible(element) && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${name(element)} overflows its box (${element.scrollWidth} > ${element.clientWidth})`);
      }
    }
    const width = document.documentElement.clientWidth;
    for (const element of Array.from(
      document.querySelectorAll(
        '.top *, .tour *, .portal-content > * *, .phone .frame, .phone-facts, .portal-menu *',
      ),
    )) {
      if (!visible(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.right > width + 1 || box.left < -1) problems.push(`${name(element)} is cut off at the side`);
    }
    const tour = document.querySelector('.tour');
    if (tour) {
      const box = tour.getBoundingClientRect();
      if (box.bottom > window.innerHeight + 1 || box.top >= window.innerHeight) {
        problems.push(`the tour bar is below the fold (${Math.round(box.top)}-${Math.round(box.bottom)})`);
      }
      // Without page scrolling, the phones must sit entirely above the tour bar.
      if (document.documentElement.scrollHeight <= window.innerHeight + 1) {
        for (const frame of Array.from(document.querySelectorAll('.phone .frame'))) {
          if (frame.getBoundingClientRect().bottom > box.top + 1)
            problems.push('a phone is hidden behind the tour bar');
        }
        for (const facts of Array.from(document.querySelectorAll('.phone-facts'))) {
          if (facts.getBoundingClientRect().bottom > box.top + 1)
            problems.push("a phone's facts are hidden behind the tour bar");
        }
      }
    }
    for (const island of Array.from(document.querySelectorAll('.island'))) {
      const bar = island.parentElement?.querySelector('.status-bar');
      for (const item of Array.from(bar?.children ?? [])) {
        if (overlap(island.getBoundingClientRect(), item.getBoundingClientRect())) {
          problems.push(`the iPhone's island covers ${name(item)}`);
        }
      }
    }
    const content = document.querySelector('.portal-content');
    if (content && content.scrollWidth > content.clientWidth + 1) {
      problems.push(`the portal content is cut off (${content.scrollWidth} > ${content.clientWidth})`);
    }
    // Each phone's message keeps off its buttons and fields, and off the lock screen's clock.
    for (const phone of Array.from(document.querySelectorAll('.phone'))) {
      const message = phone.querySelector('.toast');
      if (!message || !visible(message)) continue;
      for (const covered of Array.from(phone.querySelectorAll('button, input, .big-time'))) {
        if (visible(covered) && overlap(message.getBoundingClientRect(), covered.getBoundingClientRect())) {
          problems.push(`the phone message covers ${name(covered)}`);
        }
      }
    }
    // The reset's toast keeps off the phones' names and the header's, the portal's and the tour's controls.
    const resetToast = document.querySelector('.reset-toast');
    if (resetToast && visible(resetToast)) {
      for (const covered of Array.from(
        document.querySelectorAll(
          '.phone-label, .top button, .top select, .portal-bar button, .portal-menu button, .overview-head button, .tour button',
        ),
      )) {
        if (
          visible(covered) &&
          overlap(resetToast.getBoundingClientRect(), covered.getBoundingClientRect())
        ) {
          problems.push(`the reset toast covers ${name(covered)}`);
        }
      }
    }
    return problems;
  });
}
