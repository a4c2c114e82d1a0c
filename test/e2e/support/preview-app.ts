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
 * Each test gets its own localcloud (fresh demo data) and browser context (fresh storage).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { installPreview, type Preview } from '../../../preview/server';
import { pageClass } from '../../../preview/client/page-names';
import { DEMO_OPENIDS, repoRoot, startAppCloud, type AppCloud } from '../../support/app-cloud';
import type { DemoRole } from '../../../server/demo/identities';
import { launchChromium, previewContext } from './chromium';
import { waitFor } from './wait';

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

/** The phone in the browser, driven by what a person sees: page nodes by the classes their WXML gives them. */
export class PreviewPhone {
  constructor(readonly page: Page) {}

  /** A node of a page, by a class its WXML writes (`pageNode('pages/home/index', 'site-bar')`), on screen. */
  node(route: string, className: string): Locator {
    return this.page.locator(`.pv-page[data-route="${route}"]:not([hidden]) ${pageClass(route, className)}`);
  }

  async tap(route: string, className: string): Promise<void> {
    await this.node(route, className).first().tap();
  }

  /** Taps a TDesign button once it can be tapped: a disabled one ignores taps, and forms enable theirs as they check. */
  async tapButton(route: string, className: string): Promise<void> {
    const button = this.node(route, className).first();
    const enabled = async () => !((await button.getAttribute('class')) ?? '').includes('t-button--disabled');
    await waitFor(enabled, `${route}: ${className} enabled`);
    await button.tap();
  }

  /** Types into a field (a TDesign t-input, or anything with an input inside) as the keyboard does. */
  async fill(route: string, className: string, value: string): Promise<void> {
    await this.node(route, className).locator('input').fill(value);
  }

  /** Taps a tab of the tab bar and waits for its page. */
  async openTab(route: string): Promise<void> {
    await this.page.locator(`.pv-tabbar__item[data-path="${route}"]`).click();
    await this.waitForPage(route);
  }

  /** Waits for a modal dialog (wx.showModal), answers it with the button labelled `answer`, and says what it said. */
  async answerModal(answer: string): Promise<{ title: string; content: string }> {
    const modal = this.page.locator('.pv-modal');
    await modal.waitFor();
    const said = {
      title: await modal.locator('.pv-modal__title').innerText(),
      content: await modal.locator('.pv-modal__content').innerText(),
    };
    await modal.locator('.pv-modal__button', { hasText: answer }).click();
    await modal.waitFor({ state: 'detached' });
    return said;
  }

  /** Waits for a toast (wx.showToast) titled `title`; toasts last 1.5 s, so wait for one as soon as it may show. */
  async waitForToast(title: string): Promise<void> {
    await this.page.locator('.pv-bubble__title', { hasText: title }).waitFor();
  }

  /** Taps the navigation bar's back arrow and waits for the page under it, `route`. */
  async back(route: string): Promise<void> {
    await this.page.locator('.pv-navbar__back').click();
    await this.waitForPage(route);
  }

  /**
   * Answers the scanCode dialog (the camera's stand-in) with `code`, typed in as a code from another phone; says
   * which codes it offered, those the preview decoded from the QR codes this tab has shown.
   */
  async answerScan(code: string): Promise<string[]> {
    const dialog = this.page.locator('.pv-standin', { hasText: '扫一扫' });
    await dialog.waitFor();
    const offered = await dialog.locator('.pv-standin__pick-code').allInnerTexts();
    await dialog.locator('.pv-standin__input').fill(code);
    await dialog.locator('.pv-standin__button--primary').click();
    await dialog.waitFor({ state: 'detached' });
    return offered;
  }

  /** The dev panel's 摇一摇: the accelerometer plays the shake trace once. */
  async shake(): Promise<void> {
    await this.page.locator('.pv-panel__button', { hasText: '摇一摇' }).click();
  }

  /**
   * What the QR code drawn on the canvas inside a page node says, read from the canvas's pixels with jsQR (as the
   * preview's scanCode dialog reads them), once one is drawn that differs from `previous`. The canvas must be
   * drawn at a phone's pixel ratio (`usePreviewApp({ pixelRatio })`) for a dense code to be readable.
   */
  async qrCode(route: string, className: string, previous?: string): Promise<string> {
    const canvas = `.pv-page[data-route="${route}"]:not([hidden]) ${pageClass(route, className)} canvas`;
    // the red channel (the code is black on white), one byte a pixel, in base64: a few hundred kB, not megabytes
    const pixels = `(() => {
      const canvas = document.querySelector(${JSON.stringify(canvas)});
      if (!canvas || canvas.width === 0 || canvas.height === 0) return null;
      const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let red = '';
      for (let i = 0; i < data.length; i += 4) red += String.fromCharCode(data[i]);
      return { width, height, red: btoa(red) };
    })()`;
    let code: string | undefined;
    await waitFor(async () => {
      const image = (await this.page.evaluate(pixels)) as { width: number; height: number; red: string } | null;
      if (!image) return false;
      const red = Buffer.from(image.red, 'base64');
      const rgba = new Uint8ClampedArray(red.length * 4);
      red.forEach((value, i) => rgba.set([value, value, value, 255], i * 4));
      code = jsQR(rgba, image.width, image.height)?.data;
      return Boolean(code) && code !== previous;
    }, `a QR code on ${route} (${className})`);
    return code as string;
  }

  /** The open pages, bottom first. */
  routes(): Promise<string[]> {
    return this.page.evaluate('window.__preview.routes') as Promise<string[]>;
  }

  /** Waits until `route` is the page on screen and its cloud calls are answered. */
  async waitForPage(route: string): Promise<void> {
    await this.page.waitForFunction(
      `(() => { const p = window.__preview; return p && p.routes[p.routes.length - 1] === ${JSON.stringify(route)} && p.inFlight.count === 0; })()`,
    );
  }

  /** Waits until no cloud call is in flight. */
  async settled(): Promise<void> {
    await this.page.waitForFunction('window.__preview && window.__preview.inFlight.count === 0');
  }

  /** Errors pages threw (lifecycles) or the browser reported: a test ends with none. */
  errors(): Promise<string[]> {
    return this.page.evaluate('window.__preview.errors') as Promise<string[]>;
  }
}

/** Opens the preview in a new tab as a demo person (or any openid), at app.json's first page or `page`. */
export async function openPhone(
  context: BrowserContext,
  app: RunningPreview,
  who: DemoRole | string,
  page?: string,
  onError?: (message: string) => void,
): Promise<PreviewPhone> {
  const openid = (DEMO_OPENIDS as Record<string, string>)[who] ?? who;
  const tab = await context.newPage();
  if (onError) tab.on('pageerror', (error) => onError(error.message));
  const query = new URLSearchParams({ as: openid, ...(page ? { page } : {}) });
  await tab.goto(`${app.url}?${query}`);
  await tab.waitForFunction('window.__preview !== undefined');
  return new PreviewPhone(tab);
}

export interface PreviewFixture {
  readonly app: RunningPreview;
  /**
   * the preview as a demo person (or any openid, or `new`), at app.json's first page or `page`; `anotherPhone`:
   * in a browser context of its own, so nothing the other tabs stored (each WeChat user's own phone, say)
   */
  open(who: DemoRole | string, page?: string, options?: { anotherPhone?: boolean }): Promise<PreviewPhone>;
}

/**
 * `pixelRatio`: the phones' screen density (chromium.ts); 1 unless given. Give a phone's (2 or 3) to tests that
 * read what pages draw on canvases: at 1 a pass QR's modules are 2 to 3 pixels, which jsQR (and so the preview's
 * scanCode dialog) cannot read.
 */
export function usePreviewApp(screen: { pixelRatio?: number } = {}): PreviewFixture {
  let browser: Browser | undefined;
  let app: RunningPreview | undefined;
  let context: BrowserContext | undefined;
  const otherPhones: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    app = await startPreviewApp();
    context = await previewContext(browser as Browser, screen);
  });
  afterEach(async () => {
    for (const other of otherPhones.splice(0)) await other.close();
    await context?.close();
    await app?.stop();
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
