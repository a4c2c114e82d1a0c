/**
 * The page stack of a mini-program and the lifecycles each route change calls, as WeChat's framework guide
 * documents them (页面路由, "页面栈" and "Tab 切换对应的生命周期"):
 *
 * | route change                | what the stack does                          | lifecycles, in order                      |
 * | --------------------------- | -------------------------------------------- | ----------------------------------------- |
 * | launch / reLaunch           | every page leaves, the new one enters        | each open page onUnload; new onLoad, onShow, onReady |
 * | navigateTo                  | the new page is pushed (at most 10 in all)   | current onHide; new onLoad, onShow, onReady |
 * | redirectTo                  | the current page is replaced                 | current onUnload; new onLoad, onShow, onReady |
 * | navigateBack(delta)         | pages are popped down to the target          | each popped page onUnload (top first); target onShow |
 * | switchTab                   | every non-tab page leaves; tab pages stay loaded | A→B: A onHide, B onLoad/onShow (B onShow only when loaded before); C (above A)→B: C onUnload, B onLoad/onShow |
 *
 * Failures answer what WeChat answers: a tab page cannot be the target of navigateTo or redirectTo, switchTab
 * only goes to tab pages, navigateBack on the first page fails, an 11th page fails with "webview count limit
 * exceed", and a route app.json does not list is "not found". A delta larger than the stack goes back to the
 * first page (documented for navigateBack).
 *
 * Pure logic: the preview's runtime (runtime.ts) renders and removes the pages through `PageHost`; unit tests
 * drive it with a recording host.
 */

export type PageLifecycle = 'onLoad' | 'onShow' | 'onReady' | 'onHide' | 'onUnload';

/** Query values as WeChat hands them to onLoad: strings as written in the url (WeChat does not decode them). */
export type PageQuery = Record<string, string>;

export interface PageHost<P> {
  /** renders the page for `route` (not shown yet) */
  create(route: string, query: PageQuery): P;
  /** removes a page that has been unloaded */
  destroy(page: P): void;
  /** calls a lifecycle method of the page, when it has one */
  call(page: P, lifecycle: PageLifecycle, query?: PageQuery): void;
  /** the page now on screen (the top of the stack) */
  present(page: P): void;
}

export interface OpenPage<P> {
  route: string;
  query: PageQuery;
  page: P;
}

export type RouteApi = 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch';

/** A refused route change, with the `errMsg` WeChat's fail callback gets. */
export class RouteError extends Error {
  constructor(
    readonly api: RouteApi,
    reason: string,
  ) {
    super(`${api}:fail ${reason}`);
  }

  get errMsg(): string {
    return this.message;
  }
}

/** WeChat keeps at most this many pages in the stack. */
export const PAGE_STACK_LIMIT = 10;

export interface StackConfig {
  /** every route app.json lists (main package and subpackages), without a leading slash */
  pages: readonly string[];
  /** routes of the tab bar's pages */
  tabPages?: readonly string[];
}

export class PageStack<P> {
  private readonly stack: OpenPage<P>[] = [];
  /** tab pages that have been loaded and not unloaded: they stay alive while the person uses other tabs */
  private readonly loadedTabs = new Map<string, OpenPage<P>>();
  private readonly pages: ReadonlySet<string>;
  private readonly tabPages: ReadonlySet<string>;

  constructor(
    private readonly host: PageHost<P>,
    config: StackConfig,
  ) {
    this.pages = new Set(config.pages);
    this.tabPages = new Set(config.tabPages ?? []);
  }

  /** The open pages, bottom first (what getCurrentPages() lists). */
  get open(): readonly OpenPage<P>[] {
    return this.stack;
  }

  get top(): OpenPage<P> | undefined {
    return this.stack.at(-1);
  }

  isTabPage(route: string): boolean {
    return this.tabPages.has(route);
  }

  /** A cold start at `url`, or reLaunch: every page is unloaded, then `url` opens. */
  reLaunch(url: string): void {
    const { route, query } = this.resolve('reLaunch', url);
    this.unloadAll();
    this.enter(route, query);
  }

  navigateTo(url: string): void {
    const { route, query } = this.resolve('navigateTo', url);
    if (this.tabPages.has(route)) throw new RouteError('navigateTo', 'can not navigateTo a tabbar page');
    if (this.stack.length >= PAGE_STACK_LIMIT) throw new RouteError('navigateTo', 'webview count limit exceed');
    const current = this.top;
    if (current) this.host.call(current.page, 'onHide');
    this.enter(route, query);
  }

  redirectTo(url: string): void {
    const { route, query } = this.resolve('redirectTo', url);
    if (this.tabPages.has(route)) throw new RouteError('redirectTo', 'can not redirectTo a tabbar page');
    const current = this.stack.pop();
    if (current) this.unload(current);
    this.enter(route, query);
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) throw new RouteError('navigateBack', 'cannot navigate back at first page.');
    const steps = Math.min(Math.max(1, Math.floor(delta) || 1), this.stack.length - 1);
    for (let i = 0; i < steps; i += 1) this.unload(this.stack.pop() as OpenPage<P>);
    this.show(this.top as OpenPage<P>);
  }

  switchTab(url: string): void {
    // switchTab takes no query: WeChat drops it
    const { route } = this.resolve('switchTab', url.split('?')[0]);
    if (!this.tabPages.has(route)) throw new RouteError('switchTab', 'can not switch to no-tabBar page');
    const current = this.top;
    if (current?.route === route && this.stack.length === 1) return;
    // every page above the bottom leaves; a bottom tab page stays loaded (hidden), any other bottom page leaves
    while (this.stack.length > 1) this.unload(this.stack.pop() as OpenPage<P>);
    const bottom = this.stack.pop();
    if (bottom && this.loadedTabs.get(bottom.route) === bottom) {
      if (bottom === current) this.host.call(bottom.page, 'onHide');
    } else if (bottom) {
      this.unload(bottom);
    }
    const loaded = this.loadedTabs.get(route);
    if (loaded) {
      this.stack.push(loaded);
      this.show(loaded);
    } else {
      this.enter(route, {});
    }
  }

  /** Resolves `url` (absolute, or relative to the current page as WeChat allows) against app.json's pages. */
  resolve(api: RouteApi, url: string): { route: string; query: PageQuery } {
    const [pathPart, search = ''] = url.split('?');
    const route = resolveRoute(this.top?.route, pathPart);
    if (!this.pages.has(route)) throw new RouteError(api, `page "${route}" is not found`);
    return { route, query: parseQuery(search) };
  }

  private enter(route: string, query: PageQuery): void {
    const opened: OpenPage<P> = { route, query, page: this.host.create(route, query) };
    this.stack.push(opened);
    if (this.tabPages.has(route)) this.loadedTabs.set(route, opened);
    this.host.present(opened.page);
    this.host.call(opened.page, 'onLoad', query);
    this.host.call(opened.page, 'onShow');
    this.host.call(opened.page, 'onReady');
  }

  private show(opened: OpenPage<P>): void {
    this.host.present(opened.page);
    this.host.call(opened.page, 'onShow');
  }

  private unload(opened: OpenPage<P>): void {
    this.host.call(opened.page, 'onUnload');
    this.host.destroy(opened.page);
    if (this.loadedTabs.get(opened.route) === opened) this.loadedTabs.delete(opened.route);
  }

  private unloadAll(): void {
    while (this.stack.length > 0) this.unload(this.stack.pop() as OpenPage<P>);
    for (const tab of this.loadedTabs.values()) this.unload(tab);
  }
}

/** `../sites/index` from `pages/home/index` is `pages/sites/index`; `/pages/x` is absolute. */
export function resolveRoute(from: string | undefined, target: string): string {
  if (target.startsWith('/') || from === undefined) return normalize(target.replace(/^\//, ''));
  const base = from.split('/').slice(0, -1);
  return normalize([...base, target].join('/'));
}

function normalize(route: string): string {
  const parts: string[] = [];
  for (const part of route.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

export function parseQuery(search: string): PageQuery {
  const query: PageQuery = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    if (at < 0) query[pair] = '';
    else query[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return query;
}
