// Lets a tour step act through the page itself (open "... More", pick the action, confirm), slowly enough to watch.

/** How long each UI step stays on screen before the next, so the class sees the menu and the dialog. */
export const SHOW_MS = 700;

const waitForElement = (selector: string, timeoutMs = 5_000): Promise<HTMLElement> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const look = () => {
      const found = document.querySelector<HTMLElement>(selector);
      if (found) return resolve(found);
      if (performance.now() - started > timeoutMs) return reject(new Error(`Nothing to press: ${selector}`));
      requestAnimationFrame(look);
    };
    look();
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the element, lets it be seen for `showMs`, then presses it as a user would. */
export async function press(selector: string, showMs = SHOW_MS): Promise<void> {
  const element = await waitForElement(selector);
  element.classList.add('tour-highlight');
  await pause(showMs);
  element.classList.remove('tour-highlight');
  element.click();
}

/** "... More" › the passcode action › Yes, on the device overview that is open. */
export async function removePasscodeThroughThePortal(): Promise<void> {
  await press('.overview .more-button');
  await press('.overview .menu [role="menuitem"]:not([aria-disabled="true"])');
  await press('dialog.confirm button.primary');
}
