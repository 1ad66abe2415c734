import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The flags apps/cli's status test runs Chromium with: headless, no sandbox (the tests may run as
 * root, where Chromium refuses its sandbox), and nothing that reaches the network on its own.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return { browser, newPage: () => browser.newPage(), close: () => browser.close() };
}
