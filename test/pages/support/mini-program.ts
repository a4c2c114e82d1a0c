/**
 * The mini-program on a simulated phone: pages rendered by miniprogram-simulate from the real WXML, WXSS and
 * TypeScript (TDesign included), in a page stack that navigateTo / navigateBack / redirectTo / switchTab /
 * reLaunch drive, with the lifecycles WeChat calls (onLoad, onShow, onHide, onUnload).
 *
 * Tab pages (app.json `tabBar`) behave as in WeChat: once opened they stay alive, hidden, while another tab is
 * on screen; switchTab closes every page above the tab bar; navigateTo and redirectTo refuse a tab page.
 *
 * Pages are Component-constructor pages (miniprogram/utils/define-page.ts says why), so no `Page` shim is
 * needed: the platform's part — calling the page's onLoad/onShow — is done here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { installCanvasNodes } from './canvas';
import { PageDriver, type PageRoot } from './page-driver';
import { installWxClient, newPhone, type Navigator, type Phone } from './wx-client';
import { waitUntil } from './wait';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', '..', 'miniprogram');

/** wcc's output for the whole mini-program, TDesign included, passes simulate's 1 MiB default */
const compilerOptions = { maxBuffer: 64 * 1024 * 1024 };

/** The routes of app.json's tab bar, e.g. `pages/home/index`. */
function tabRoutes(): Set<string> {
  const appJson = JSON.parse(readFileSync(path.join(miniprogramRoot, 'app.json'), 'utf8')) as {
    tabBar?: { list: Array<{ pagePath: string }> };
  };
  return new Set(appJson.tabBar?.list.map((tab) => tab.pagePath) ?? []);
}

function routeOf(url: string): string {
  return url.split('?')[0].replace(/^\//, '');
}

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
  private readonly tabs = tabRoutes();
  /** tab pages opened before and alive, but not on screen (another tab is) */
  private readonly hiddenTabs = new Map<string, PageDriver>();
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
    app.startApp(route);
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
    this.refuseTab(url, 'navigateTo');
    this.currentPage.lifecycle('onHide');
    await this.open(url);
  }

  async navigateBack(delta: number): Promise<void> {
    if (this.stack.length <= delta) throw new Error('cannot navigate back at first page.');
    for (let i = 0; i < delta; i += 1) this.close(this.stack.pop());
    this.currentPage.lifecycle('onShow');
  }

  async redirectTo(url: string): Promise<void> {
    this.refuseTab(url, 'redirectTo');
    this.close(this.stack.pop());
    await this.open(url);
  }

  /** Shows a tab page: every page above the tab bar closes; the tab that was on screen stays alive, hidden. */
  async switchTab(url: string): Promise<void> {
    const route = routeOf(url);
    if (!this.tabs.has(route)) throw new Error(`can not switch to no-tabBar page ${route}`);
    const covered = this.stack.length > 1;
    while (this.stack.length > 1) this.close(this.stack.pop());
    const bottom = this.stack.pop();
    if (bottom?.route === route) {
      // the tab was under other pages: it shows again; already on screen, nothing happens
      this.stack.push(bottom);
      if (covered) bottom.lifecycle('onShow');
      return;
    }
    if (bottom && this.tabs.has(bottom.route)) {
      bottom.lifecycle('onHide');
      this.hiddenTabs.set(bottom.route, bottom);
    } else {
      this.close(bottom);
    }
    const kept = this.hiddenTabs.get(route);
    if (!kept) {
      await this.open(url);
      return;
    }
    this.hiddenTabs.delete(route);
    this.stack.push(kept);
    kept.lifecycle('onShow');
  }

  /** Closes every page, tabs included, and opens `url` as the only one. */
  async reLaunch(url: string): Promise<void> {
    this.exit();
    await this.open(url);
  }

  currentPages(): object[] {
    return this.stack.map((page) => page.instance);
  }

  /** Closes every page (their onUnload runs): call at the end of a test. */
  exit(): void {
    while (this.stack.length > 0) this.close(this.stack.pop());
    for (const page of this.hiddenTabs.values()) this.close(page);
    this.hiddenTabs.clear();
  }

  private refuseTab(url: string, api: string): void {
    if (this.tabs.has(routeOf(url))) throw new Error(`can not ${api} a tabbar page`);
  }

  /**
   * Runs app.ts as WeChat does at a cold start: `App()` registers the app (getApp() answers it from then on, for
   * our services and TDesign's components alike) and its onLaunch runs before the first page loads.
   */
  private startApp(route: string): void {
    type AppInstance = Record<string, unknown> & { onLaunch?: (options: object) => void };
    let instance: AppInstance | undefined;
    Object.assign(globalThis, {
      App: (options: AppInstance) => {
        instance = options;
      },
      getApp: () => instance,
    });
    this.phone.cloudEnv = undefined;
    jest.isolateModules(() => require(path.join(miniprogramRoot, 'app.ts')));
    if (!instance) throw new Error('app.ts did not call App()');
    instance.onLaunch?.call(instance, { path: routeOf(route), query: {}, scene: 1001 });
  }

  private async open(url: string): Promise<void> {
    const [, search = ''] = url.split('?');
    const route = routeOf(url);
    const root = simulate.render(this.register(route)) as PageRoot;
    root.attach(document.createElement('parent-wrapper'));
    const page = new PageDriver(route, root);
    installCanvasNodes(page);
    this.stack.push(page);
    page.lifecycle('onLoad', Object.fromEntries(new URLSearchParams(search)));
    page.lifecycle('onShow');
  }

  private close(page: PageDriver | undefined): void {
    if (!page) return;
    page.lifecycle('onUnload');
    page.root.detach();
  }

  /**
   * Each page is loaded in a module registry of its own. simulate registers a component by running its JS with
   * require() and then dropping it from require.cache so the next page that uses it runs it again; jest's
   * require.cache cannot drop anything, so without this a component that an earlier page used (a t-button on
   * home, then on 我的) renders as an empty tag. The cost: module-level state is per page here, not per app.
   */
  private register(route: string): string {
    let id = this.registered.get(route);
    if (id === undefined) {
      const file = path.join(miniprogramRoot, route);
      jest.isolateModules(() => {
        id = simulate.load(file, { rootPath: miniprogramRoot, compilerOptions });
      });
      if (id === undefined) throw new Error(`simulate could not load ${route}`);
      this.registered.set(route, id);
    }
    return id;
  }
}
