import { existsSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_FLAGS } from '@cloutapi/vitest-config/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

export { CHROMIUM };

/** A running headless Chromium. */
export interface RunningBrowser {
  browser: Browser;
  /** A page in a fresh context of its own (its own cookies). */
  newPage(): Promise<Page>;
  /** Closes every page and ends the browser's process. */
  close(): Promise<void>;
}

/** Launches Debian's Chromium headless through playwright-core. */
export async function startBrowser(): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install chromium (.ci/run does)`,
    );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS],
  });
  return { browser, newPage: () => browser.newPage(), close: () => browser.close() };
}
