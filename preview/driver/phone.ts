/**
 * The browser preview driven in headless Chromium by what a person sees and does — for the end-to-end tests
 * (test/e2e) and `npm run screenshots` alike. A phone is one tab of the preview opened as someone; its pages'
 * nodes are found by the classes their WXML gives them.
 */
import jsQR from 'jsqr';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_OPENIDS, type DemoRole } from '../../demo/identities';
import { pageClass } from '../client/page-names';
import { waitFor } from './wait';

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
   * drawn at a phone's pixel ratio (`previewContext(browser, { pixelRatio })`) for a dense code to be readable.
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
  app: { url: string },
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
