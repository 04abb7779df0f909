// Opens a local HTML file in real headless Chromium with the network off, for page tests:
// every request that is not file: or data: is aborted, so a page that quietly depends on a CDN
// fails here the way it would for a reader offline. Requests that were blocked are reported.
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.QUANTLAB_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface OfflinePageInfo {
  /** URLs the page tried to fetch from the network (all aborted). */
  readonly blockedRequests: readonly string[];
  /** Uncaught page errors and console errors, in order. */
  readonly errors: readonly string[];
}

export async function withOfflinePage<T>(fileUrl: string, fn: (page: Page, info: OfflinePageInfo) => Promise<T>): Promise<T> {
  if (!fileUrl.startsWith('file:')) throw new Error(`withOfflinePage needs a file: URL (use url.pathToFileURL), got ${fileUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const blockedRequests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      blockedRequests.push(url);
      return route.abort('internetdisconnected');
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    return await fn(page, { blockedRequests, errors });
  } finally {
    await browser.close();
  }
}
