/**
 * The app as `npm start` serves it — localcloud with the demo data, the built functions and the browser preview —
 * on a free port with a temporary data folder, and a headless Chromium to use it:
 *
 *   const app = usePreviewApp();
 *   test('…', async () => {
 *     const phone = await app.open('resident2');
 *     await phone.tap('pages/home/index', 'site-bar');
 *   });
 *
 * Each test gets its own localcloud (fresh demo data) and browser context (fresh storage), unless the file says
 * its tests only look (`readOnly`): then they share one localcloud, preview and browser context, started once for
 * the file, and a phone opened by one test stays open for the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { DemoRole } from '../../../demo/identities';
import { launchChromium, previewContext } from '../../../preview/driver/chromium';
import { openPhone, type PreviewPhone } from '../../../preview/driver/phone';
import { installPreview, type Preview } from '../../../preview/server';
import { repoRoot, startAppCloud, type AppCloud } from '../../support/app-cloud';

export type { PreviewPhone };

export interface RunningPreview {
  cloud: AppCloud;
  preview: Preview;
  url: string;
  stop(): Promise<void>;
}

/** localcloud + the preview, as `npm start` runs them (no file watching). */
export async function startPreviewApp(): Promise<RunningPreview> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxing-e2e-'));
  const cloud = await startAppCloud({ dataDir });
  const preview = installPreview(cloud.lc.server, { projectRoot: repoRoot });
  try {
    await preview.ready();
  } catch (error) {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    cloud,
    preview,
    url: `${cloud.lc.url}/app/`,
    async stop() {
      preview.close();
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface PreviewFixture {
  readonly app: RunningPreview;
  /**
   * the preview as a demo person (or any openid, or `new`), at app.json's first page or `page`; `anotherPhone`:
   * in a browser context of its own, so nothing the other tabs stored (each WeChat user's own phone, say)
   */
  open(who: DemoRole | string, page?: string, options?: { anotherPhone?: boolean }): Promise<PreviewPhone>;
}

export interface PreviewAppOptions {
  /**
   * the phones' screen density (chromium.ts); 1 unless given. Give a phone's (2 or 3) to tests that read what pages
   * draw on canvases: at 1 a pass QR's modules are 2 to 3 pixels, which jsQR (and so the preview's scanCode dialog)
   * cannot read.
   */
  pixelRatio?: number;
  /**
   * the file's tests change nothing (they open pages and measure): one localcloud, preview and browser context for
   * all of them, so each test does not pay for starting localcloud and its functions' cold starts again, and may
   * take an open phone to its page instead of loading the app in a new one (about 2 s a phone).
   */
  readOnly?: boolean;
}

export function usePreviewApp({ readOnly = false, ...screen }: PreviewAppOptions = {}): PreviewFixture {
  let browser: Browser | undefined;
  let app: RunningPreview | undefined;
  let context: BrowserContext | undefined;
  const otherPhones: BrowserContext[] = [];
  const pageErrors: string[] = [];

  // localcloud, the preview and the browser context: per test, or (readOnly) per file
  const start = async () => {
    app = await startPreviewApp();
    context = await previewContext(browser as Browser, screen);
  };
  const stop = async () => {
    await context?.close();
    await app?.stop();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    if (readOnly) await start();
  });
  afterAll(async () => {
    if (readOnly) await stop();
    await browser?.close();
  });
  beforeEach(async () => {
    if (!readOnly) await start();
  });
  afterEach(async () => {
    // the other phones close before localcloud stops: a call of theirs then failing would be a page error
    for (const other of otherPhones.splice(0)) await other.close();
    if (!readOnly) await stop();
    const errors = pageErrors.splice(0);
    if (errors.length > 0) throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });

  return {
    get app() {
      if (!app) throw new Error('use the fixture inside a test');
      return app;
    },
    async open(who, page, options = {}) {
      if (!app || !context || !browser) throw new Error('use the fixture inside a test');
      let phoneContext = context;
      if (options.anotherPhone) {
        phoneContext = await previewContext(browser, screen);
        otherPhones.push(phoneContext);
      }
      return openPhone(phoneContext, app, who, page, (message) => pageErrors.push(message));
    },
  };
}
