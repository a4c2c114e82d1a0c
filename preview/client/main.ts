/**
 * The preview page: the phone (frame.ts) running the mini-program (runtime.ts) with the `wx` shim (wx.ts), the
 * toolbar and the dev panel (panel.ts). `boot` is called by the bundle the server builds (bundle.ts).
 *
 * URL parameters: `?as=<role|openid|new>` chooses who holds the phone (remembered), `&page=<url>` where the
 * mini-program starts (default: app.json's first page). After the server rebuilds, the page reloads and reopens
 * the same stack of pages.
 */
import type { PageHost } from './page-stack';
import { PageStack } from './page-stack';
import { PageView } from './page-view';
import { Runtime, type PreviewBundle } from './runtime';
import { Frame } from './frame';
import { Overlays } from './overlays';
import { Devices } from './devices';
import { installBuiltins } from './builtins';
import { replayMouseAsTouch } from './touch';
import { PrivacyConsent } from './privacy';
import { createWx, type WxContext } from './wx';
import { chosenIdentity, identityFromParam, recipientIdentity, rememberIdentity, storagePrefix } from './identities';
import { DevPanel, Toolbar } from './panel';

const RESTORE_KEY = 'tx-preview.restore';

/** What the end-to-end tests read (test/e2e). */
export interface PreviewState {
  openid: string;
  routes: string[];
  inFlight: { count: number };
  builtAt: number;
  errors: string[];
}

declare global {
  interface Window {
    wx: Record<string, unknown>;
    App: (options: Record<string, unknown>) => void;
    getApp: () => Record<string, unknown>;
    getCurrentPages: () => Array<Record<string, unknown>>;
    __preview: PreviewState;
  }
}

export function boot(bundle: PreviewBundle): void {
  const { manifest } = bundle;
  const params = new URLSearchParams(location.search);
  const asParam = params.get('as');
  const openid = asParam ? identityFromParam(asParam) : chosenIdentity();
  rememberIdentity(openid);

  const state: PreviewState = { openid, routes: [], inFlight: { count: 0 }, builtAt: bundle.builtAt, errors: [] };
  window.__preview = state;
  const report = (text: string) => panel.log(text);

  const frame = new Frame(document.body, manifest.tabBar, {
    back: () => void (window.wx.navigateBack as (o: object) => unknown)({ fail: () => undefined }),
    home: () => route(() => stack.reLaunch(`/${manifest.pages[0]}`)),
    tab: (pagePath) =>
      void (window.wx.switchTab as (o: object) => unknown)({ url: `/${pagePath}`, fail: () => undefined }),
  });
  const overlays = new Overlays(frame.parts.overlays);
  const devices = new Devices(overlays, frame.parts.viewport, () => `${openid} · ${stack.top?.route ?? ''}`);
  installBuiltins();
  const runtime = new Runtime(bundle);

  // every page still loaded, in the stack or not: a tab page switchTab left stays loaded outside the stack, and
  // must be hidden with the rest when another page comes on screen
  const loaded = new Set<PageView>();
  const host: PageHost<PageView> = {
    create(route) {
      const distance = manifest.windows[route]?.onReachBottomDistance ?? 50;
      const view = new PageView(route, runtime.render(route), distance);
      frame.parts.viewport.append(view.layer);
      loaded.add(view);
      return view;
    },
    destroy(view) {
      loaded.delete(view);
      view.remove();
    },
    call(view, lifecycle, query) {
      try {
        view.call(lifecycle, query);
      } catch (error) {
        // WeChat logs a page's exception and carries on; so does the preview, loudly
        console.error(`${view.route} ${lifecycle}:`, error);
        state.errors.push(`${view.route} ${lifecycle}: ${error instanceof Error ? error.message : String(error)}`);
        report(`⚠ ${view.route} ${lifecycle} threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    present(view) {
      for (const other of loaded) other.setVisible(other === view);
      view.setVisible(true);
      const first = view.route === manifest.pages[0] || stack.isTabPage(view.route);
      frame.show(
        view.route,
        manifest.windows[view.route] ?? {},
        stack.open.length > 1 ? 'back' : first ? 'none' : 'home',
      );
    },
  };
  const stack = new PageStack<PageView>(host, {
    pages: manifest.pages,
    tabPages: manifest.tabBar?.list.map((item) => item.pagePath) ?? [],
  });
  const route = (change: () => void) => {
    try {
      change();
    } finally {
      state.routes = stack.open.map((open) => open.route);
      sessionStorage.setItem(RESTORE_KEY, JSON.stringify(stack.open.map((open) => urlOf(open.route, open.query))));
    }
  };

  const context: WxContext = {
    openid: () => openid,
    stack,
    route,
    overlays,
    devices,
    frame,
    storagePrefix: storagePrefix(openid),
    report,
    inFlight: state.inFlight,
    privacy: new PrivacyConsent(`${storagePrefix(openid)}privacy.consent`, report),
  };
  const simulateApi = window.wx;
  window.wx = createWx(context, simulateApi);
  let app: Record<string, unknown> = {};
  window.App = (options) => {
    app = options;
  };
  window.getApp = () => app;
  window.getCurrentPages = () => stack.open.map((open) => open.page.instance);

  const toolbar = new Toolbar(frame.parts.toolbar, openid, {
    switchTo: (next) => {
      devices.collectCodes();
      rememberIdentity(next);
      sessionStorage.removeItem(RESTORE_KEY);
      location.assign('/app/');
    },
    restart: () => {
      sessionStorage.removeItem(RESTORE_KEY);
      location.assign('/app/');
    },
  });
  const openAs = (page: string, recipient: string) => {
    if (recipient !== openid) {
      devices.collectCodes();
      rememberIdentity(recipient);
      location.assign(`/app/?page=${encodeURIComponent(page)}`);
      return;
    }
    route(() => stack.reLaunch(page.startsWith('/') ? page : `/${page}`));
  };
  const panel = new DevPanel(frame.parts.panel, devices, {
    openUrlLink: (url, recipient) => {
      void (async () => {
        const ticket = url.replace(/^https:\/\/[^/]+\//, '');
        const response = await fetch(`/_dev/urllinks/${encodeURIComponent(ticket)}`);
        const answer = (await response.json().catch(() => ({}))) as { link?: { path: string; query: string } };
        if (!response.ok || !answer.link) {
          report(`⚠ URL Link ${url}: ${response.status === 410 ? '链接已过期' : `无法打开 (${response.status})`}`);
          return;
        }
        const { path, query } = answer.link;
        const page = `/${path || manifest.pages[0]}${query ? `?${query}` : ''}`;
        // opened on the recipient's own phone: a known identity as itself, a phone number as its own WeChat user
        openAs(page, recipientIdentity(recipient));
      })();
    },
    // a tapped message opens the mini-program at its page, as a fresh launch does, on the recipient's phone
    openMessagePage: (page, recipient) => openAs(page, recipient),
  });
  toolbar.watchBuilds(bundle.builtAt);
  replayMouseAsTouch(frame.parts.viewport);

  bundle.app();
  const launchUrls = launchStack(params.get('page'), manifest.pages[0]);
  const launchQuery = Object.fromEntries(new URLSearchParams(launchUrls[0].split('?')[1] ?? ''));
  const appHook = (name: string, argument?: unknown) => {
    const hook = app[name];
    if (typeof hook === 'function') hook.call(app, argument);
  };
  appHook('onLaunch', { path: launchUrls[0].replace(/^\//, '').split('?')[0], query: launchQuery, scene: 1001 });
  appHook('onShow', { path: launchUrls[0].replace(/^\//, '').split('?')[0], query: launchQuery, scene: 1001 });
  try {
    route(() => stack.reLaunch(launchUrls[0]));
  } catch (error) {
    // a page asked for by ?page= (or reopened after a rebuild) that app.json no longer lists
    report(`⚠ ${error instanceof Error ? error.message : String(error)}: opening the first page`);
    route(() => stack.reLaunch(`/${manifest.pages[0]}`));
    launchUrls.splice(1);
  }
  for (const url of launchUrls.slice(1)) {
    try {
      route(() => stack.navigateTo(url));
    } catch {
      break;
    }
  }
}

/** The page (or, after a rebuild, the pages) to open at start. */
function launchStack(pageParam: string | null, firstPage: string): string[] {
  if (pageParam) return [pageParam.startsWith('/') ? pageParam : `/${pageParam}`];
  const saved = sessionStorage.getItem(RESTORE_KEY);
  if (saved) {
    const urls = JSON.parse(saved) as string[];
    if (urls.length > 0) return urls;
  }
  return [`/${firstPage}`];
}

function urlOf(route: string, query: Record<string, string>): string {
  const search = Object.entries(query)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `/${route}${search ? `?${search}` : ''}`;
}
