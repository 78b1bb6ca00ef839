import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs: no browser is downloaded for the tests. */
export const CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags Chromium reaches out at start, and on a closed
// network those connections are refused.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile, and a way to close it and remove the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The error when Chromium is missing: the tests fail (never skip), saying how to install it. */
export function missingChromium(path: string): Error {
  return new Error(
    `Chromium is not installed at ${path}: the page tests drive a real browser. Install Debian's package as root: \`apt-get update && apt-get install -y chromium\` (.ci/run does this).`,
  );
}

/** Starts headless Chromium from `executablePath` with a new, empty user data directory. */
export async function launchBrowser(executablePath = CHROMIUM): Promise<TestBrowser> {
  if (!existsSync(executablePath)) {
    throw missingChromium(executablePath);
  }
  const profile = await mkdtemp(join(tmpdir(), 'spark-view-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A page that records every request it makes and every script error, for the no-network checks. */
export interface WatchedPage {
  page: Page;
  /** URLs requested besides the page's own file. */
  requests: string[];
  errors: string[];
}

/** Opens `file` from disk (`file://`) in a new tab and waits for the page script to draw it. */
export async function openPage(browser: TestBrowser, file: string): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const url = `file://${file}`;
  const watched: WatchedPage = { page, requests: [], errors: [] };
  page.on('request', (request) => {
    if (request.url() !== url) {
      watched.requests.push(request.url());
    }
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      watched.errors.push(message.text());
    }
  });
  await page.goto(url);
  await page.waitForSelector('#count');
  return watched;
}
