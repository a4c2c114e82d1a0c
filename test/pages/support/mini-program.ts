/**
 * The mini-program on a simulated phone: pages rendered by miniprogram-simulate from the real WXML, WXSS and
 * TypeScript (TDesign included), in a page stack that navigateTo / navigateBack / redirectTo drive, with the
 * lifecycles WeChat calls (onLoad, onShow, onHide, onUnload).
 *
 * Pages are Component-constructor pages (miniprogram/utils/define-page.ts says why), so no `Page` shim is
 * needed: the platform's part — calling the page's onLoad/onShow — is done here.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { PageDriver, type PageRoot } from './page-driver';
import { installWxClient, newPhone, type Navigator, type Phone } from './wx-client';
import { waitUntil } from './wait';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', '..', 'miniprogram');

/** wcc's output for the whole mini-program, TDesign included, passes simulate's 1 MiB default */
const compilerOptions = { maxBuffer: 64 * 1024 * 1024 };

export interface LaunchOptions {
  /** where localcloud listens; a function, so a restarted localcloud on another port is followed */
  cloudUrl: () => string;
  /** the WeChat user (X-WX-OPENID); ignored when `phone` is given */
  openid?: string;
  /** launch again on a phone that already ran the app (its storage is kept) */
  phone?: Phone;
}

export class MiniProgram implements Navigator {
  readonly phone: Phone;
  private readonly stack: PageDriver[] = [];
  /** route → simulate's component id: a page's code is registered once per launch, each open renders anew */
  private readonly registered = new Map<string, string>();

  private constructor(phone: Phone) {
    this.phone = phone;
  }

  /** A cold start: fresh modules (no state left from an earlier launch), then the first page. */
  static async launch(route: string, options: LaunchOptions): Promise<MiniProgram> {
    jest.resetModules();
    const app = new MiniProgram(options.phone ?? newPhone(options.openid, options.cloudUrl));
    installWxClient(app.phone, app);
    await app.open(route);
    return app;
  }

  get currentPage(): PageDriver {
    const top = this.stack.at(-1);
    if (!top) throw new Error('no page is open');
    return top;
  }

  get routes(): string[] {
    return this.stack.map((page) => page.route);
  }

  /** Waits until `route` is the page on screen. */
  async waitForPage(route: string): Promise<PageDriver> {
    return waitUntil(
      () => this.stack.at(-1)?.route === route && this.currentPage,
      `page ${route} (open: ${this.routes})`,
    );
  }

  /** Waits until no cloud call is in flight: what the pages asked for has been answered. */
  async settled(): Promise<void> {
    await waitUntil(() => this.phone.inFlight === 0, 'the cloud calls to be answered');
  }

  async navigateTo(url: string): Promise<void> {
    this.currentPage.lifecycle('onHide');
    await this.open(url);
  }

  async navigateBack(delta: number): Promise<void> {
    if (this.stack.length <= delta) throw new Error('cannot navigate back at first page.');
    for (let i = 0; i < delta; i += 1) this.close(this.stack.pop());
    this.currentPage.lifecycle('onShow');
  }

  async redirectTo(url: string): Promise<void> {
    this.close(this.stack.pop());
    await this.open(url);
  }

  currentPages(): object[] {
    return this.stack.map((page) => page.instance);
  }

  /** Closes every page (their onUnload runs): call at the end of a test. */
  exit(): void {
    while (this.stack.length > 0) this.close(this.stack.pop());
  }

  private async open(url: string): Promise<void> {
    const [pathname, search = ''] = url.split('?');
    const route = pathname.replace(/^\//, '');
    const root = simulate.render(this.register(route)) as PageRoot;
    root.attach(document.createElement('parent-wrapper'));
    const page = new PageDriver(route, root);
    this.stack.push(page);
    page.lifecycle('onLoad', Object.fromEntries(new URLSearchParams(search)));
    page.lifecycle('onShow');
  }

  private close(page: PageDriver | undefined): void {
    if (!page) return;
    page.lifecycle('onUnload');
    page.root.detach();
  }

  private register(route: string): string {
    let id = this.registered.get(route);
    if (id === undefined) {
      id = simulate.load(path.join(miniprogramRoot, route), { rootPath: miniprogramRoot, compilerOptions });
      this.registered.set(route, id);
    }
    return id;
  }
}
