/**
 * Debian's chromium driven by playwright-core (`npx playwright install` cannot download browsers here; .ci/run
 * installs the package when /usr/bin/chromium is missing). CHROMIUM_PATH points elsewhere if needed.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { SCREEN } from '../client/screen';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium fonts-noto-cjk (what .ci/run does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/**
 * A browser context with touch (taps on a page are touches: exparser makes `tap` from touch events) and room for
 * the phone and the dev panel. Requests leave 127.0.0.1 only: anything else is refused, as it fails here anyway.
 * `pixelRatio`: the screen's device pixels per CSS pixel (1 unless given), which the preview reports as the
 * phone's `pixelRatio` and pages draw their canvases at — a phone's is 2 or 3.
 */
export async function previewContext(browser: Browser, options: { pixelRatio?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1120, height: SCREEN.height + 150 },
    deviceScaleFactor: options.pixelRatio ?? 1,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  // a step that cannot happen fails with what it waited for, well inside jest's own timeout
  context.setDefaultTimeout(10_000);
  // loading the whole preview is not a step: on a machine busy with other test workers it has taken over 10 s
  context.setDefaultNavigationTimeout(30_000);
  return context;
}
