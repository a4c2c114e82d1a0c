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

export function usePreviewApp(): PreviewFixture {
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
    context = await previewContext(browser as Browser);
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
        phoneContext = await previewContext(browser);
        otherPhones.push(phoneContext);
      }
      return openPhone(phoneContext, app, who, page, (message) => pageErrors.push(message));
    },
  };
}
