/**
 * `wx` in the browser preview: the client APIs the mini-program calls, each standing in for what the WeChat
 * client does on a phone. What each one approximates:
 *
 * - `wx.cloud.callFunction` → localcloud's dev gateway (`POST /fn/<name>`, the chosen identity in `X-WX-OPENID`),
 *   answering `{ result, errMsg, requestID }` or failing with `cloud.callFunction:fail …` as the client does. The
 *   real client adds the caller's identity on Tencent's side; here the toolbar chooses it. Calls are refused until
 *   `wx.cloud.init` named an `env` (the platform marks it required); the preview runs as a develop build of the
 *   tourist AppID (`getAccountInfoSync`), for which app.ts picks localcloud's environment.
 * - `wx.cloud.uploadFile` → the temp file (a blob: URL from chooseMedia) PUT to localcloud's storage
 *   (`PUT /_dev/storage/<cloudPath>`), answering `{ fileID, statusCode }` as the client does.
 * - Navigation (`navigateTo`, `redirectTo`, `reLaunch`, `switchTab`, `navigateBack`) → page-stack.ts, which follows
 *   WeChat's documented stack and lifecycle order. Page transitions are not animated.
 * - Storage → localStorage, one namespace per identity (each person has their own phone). Values are stored as
 *   JSON, so Date and ArrayBuffer values do not round-trip as they do on a phone; the 10 MB quota is not enforced.
 * - `showToast`, `showLoading`, `showModal`, `showActionSheet` → overlays drawn in WeChat's look (overlays.ts).
 * - `scanCode` → a dialog: paste a code, or pick one of the QR codes shown in the preview (decoded from the
 *   pages' canvases, including codes shown earlier under another identity). No camera.
 * - Accelerometer → the project's resting trace at the requested interval; the dev panel's "摇一摇" button plays
 *   its shake trace (demo/sensors/, what core/shake.ts is tested on; devices.ts). No real motion.
 * - `setScreenBrightness`/`getScreenBrightness`/`setKeepScreenOn` → recorded on the phone (devices.ts `display`) and
 *   in the dev panel's log; the browser's display is left as it is. `onUserCaptureScreen` listeners are called by
 *   `devices.captureScreen()` (a browser cannot see a screenshot).
 * - The 用户隐私保护指引 (`onNeedPrivacyAuthorization`, `requirePrivacyAuthorize`, `getPrivacySetting`) → privacy.ts:
 *   the accelerometer waits for the page's own sheet when the person has not agreed (`?privacy=ask`).
 * - `vibrateShort`/`vibrateLong` → the phone frame flashes. `requestSubscribeMessage` → an accept/deny dialog
 *   per template. `chooseMedia`/`chooseImage` → the browser's file picker (blob: URLs as temp paths).
 * - Canvas 2D → a real `<canvas>` (builtins.ts); `createSelectorQuery().fields({ node: true })` returns it.
 * - System information describes the preview's phone (375 × 812, iOS-like); `getMenuButtonBoundingClientRect`
 *   the capsule it draws.
 *
 * Any other `wx` API answers through miniprogram-simulate's mocks only when it is harmless (`canIUse`,
 * `nextTick`, `createAnimation`, …); the rest fail with "not available in the browser preview" and are reported
 * in the dev panel, rather than pretending to work.
 */
import SelectorQuery from 'j-component/src/tool/selectorquery';
import { settle, WxFailure, type Callbacks } from './callbacks';
import type { Devices } from './devices';
import type { Frame } from './frame';
import type { Overlays } from './overlays';
import { RouteError, type PageStack, type RouteApi } from './page-stack';
import type { PageView } from './page-view';
import type { PrivacyConsent } from './privacy';
import { SCREEN } from './screen';

export interface WxContext {
  openid: () => string;
  stack: PageStack<PageView>;
  /** runs a route change and redraws the bars; throws RouteError */
  route: (change: () => void) => void;
  overlays: Overlays;
  devices: Devices;
  frame: Frame;
  storagePrefix: string;
  /** a line in the dev panel's log */
  report: (text: string) => void;
  /** cloud calls sent and not answered yet (the e2e tests wait for 0) */
  inFlight: { count: number };
  /** the person's answer to the 用户隐私保护指引, which privacy interfaces wait for */
  privacy: PrivacyConsent;
}

/** An API's options with WeChat's callbacks (their result types are the API's; the shim checks none of them) */
type Options<T = object> = T & Callbacks<object>;

/** simulate's mocks that are harmless to keep (they read nothing the phone would supply differently) */
const KEPT_FROM_SIMULATE = new Set([
  'canIUse',
  'nextTick',
  'createAnimation',
  'createIntersectionObserver',
  'getLogManager',
  'getRealtimeLogManager',
  'getUpdateManager',
  'reportAnalytics',
  'reportEvent',
  'env',
  'base64ToArrayBuffer',
  'arrayBufferToBase64',
]);

export function createWx(context: WxContext, simulateApi: Record<string, unknown>): Record<string, unknown> {
  const { overlays, devices, frame } = context;
  const navigation = (api: RouteApi, change: (options: Options<{ url: string; delta?: number }>) => void) => {
    return (options: Options<{ url: string; delta?: number }> = { url: '' }) =>
      settle(api, options, () => {
        try {
          context.route(() => change(options));
        } catch (error) {
          if (error instanceof RouteError) throw new WxFailure(error.errMsg);
          throw error;
        }
        return {};
      });
  };
  const key = (name: string) => `${context.storagePrefix}${name}`;
  const readStorage = (name: string): unknown => {
    const stored = localStorage.getItem(key(name));
    // like the phone: a missing key reads as ''
    return stored === null ? '' : JSON.parse(stored);
  };
  const storageKeys = () =>
    Object.keys(localStorage)
      .filter((name) => name.startsWith(context.storagePrefix))
      .map((name) => name.slice(context.storagePrefix.length));

  // the env app.ts's onLaunch gave wx.cloud.init
  let cloudEnv: string | undefined;
  const shim: Record<string, unknown> = {
    cloud: {
      init: (options: { env?: string } = {}) => {
        cloudEnv = options.env;
      },
      callFunction: (options: Options<{ name: string; data?: Record<string, unknown> }>) =>
        settle('cloud.callFunction', options, () => {
          if (cloudEnv === undefined) throw new Error('wx.cloud.init has not named an env');
          return callFunction(context, options.name, options.data ?? {});
        }),
      uploadFile: (options: Options<{ cloudPath: string; filePath: string }>) =>
        settle('cloud.uploadFile', options, () => {
          if (cloudEnv === undefined) throw new Error('wx.cloud.init has not named an env');
          return uploadFile(context, options.cloudPath, options.filePath);
        }),
    },

    navigateTo: navigation('navigateTo', (o) => context.stack.navigateTo(o.url)),
    redirectTo: navigation('redirectTo', (o) => context.stack.redirectTo(o.url)),
    reLaunch: navigation('reLaunch', (o) => context.stack.reLaunch(o.url)),
    switchTab: navigation('switchTab', (o) => context.stack.switchTab(o.url)),
    navigateBack: (options: Options<{ delta?: number }> = {}) =>
      navigation('navigateBack', () => context.stack.navigateBack(options.delta ?? 1))({ ...options, url: '' }),

    setStorageSync: (name: string, value: unknown) => localStorage.setItem(key(name), JSON.stringify(value)),
    getStorageSync: readStorage,
    removeStorageSync: (name: string) => localStorage.removeItem(key(name)),
    clearStorageSync: () => storageKeys().forEach((name) => localStorage.removeItem(key(name))),
    getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
    setStorage: (o: Options<{ key: string; data: unknown }>) =>
      settle('setStorage', o, () => (localStorage.setItem(key(o.key), JSON.stringify(o.data)), {})),
    getStorage: (o: Options<{ key: string }>) =>
      settle('getStorage', o, () => {
        if (localStorage.getItem(key(o.key)) === null) throw new Error('data not found');
        return { data: readStorage(o.key) };
      }),
    removeStorage: (o: Options<{ key: string }>) =>
      settle('removeStorage', o, () => (localStorage.removeItem(key(o.key)), {})),

    showToast: (o: Options<{ title: string; icon?: 'success' | 'error' | 'loading' | 'none'; duration?: number }>) =>
      settle('showToast', o, () => (overlays.showBubble('toast', o), {})),
    hideToast: (o?: Options) => settle('hideToast', o, () => (overlays.hideBubble('toast'), {})),
    showLoading: (o: Options<{ title: string; mask?: boolean }>) =>
      settle('showLoading', o, () => (overlays.showBubble('loading', o), {})),
    hideLoading: (o?: Options) => settle('hideLoading', o, () => (overlays.hideBubble('loading'), {})),
    showModal: (o: Options<Parameters<Overlays['modal']>[0]>) => settle('showModal', o, () => overlays.modal(o)),
    showActionSheet: (o: Options<{ itemList: string[]; itemColor?: string; alertText?: string }>) =>
      settle('showActionSheet', o, async () => {
        if (!Array.isArray(o.itemList) || o.itemList.length === 0 || o.itemList.length > 6) {
          throw new Error('parameter error: itemList should have 1 to 6 items');
        }
        const tapIndex = await overlays.actionSheet(o.itemList, o);
        if (tapIndex === undefined) throw new Error('cancel');
        return { tapIndex };
      }),
    setNavigationBarTitle: (o: Options<{ title: string }>) =>
      settle('setNavigationBarTitle', o, () => (frame.setTitle(o.title), {})),
    setNavigationBarColor: (o: Options<{ frontColor: string; backgroundColor: string }>) =>
      settle('setNavigationBarColor', o, () => (frame.setNavColors(o.frontColor, o.backgroundColor), {})),
    stopPullDownRefresh: (o?: Options) => settle('stopPullDownRefresh', o, () => ({})),
    pageScrollTo: (o: Options<{ scrollTop?: number; duration?: number }>) =>
      settle('pageScrollTo', o, () => (context.stack.top?.page.scrollTo(o.scrollTop ?? 0), {})),

    scanCode: (o: Options<{ onlyFromCamera?: boolean; scanType?: string[] }>) =>
      settle('scanCode', o, async () => {
        const code = await devices.scan();
        if (code === undefined) throw new Error('cancel');
        return {
          result: code,
          scanType: 'QR_CODE',
          charSet: 'UTF-8',
          path: '',
          rawData: btoa(unescape(encodeURIComponent(code))),
        };
      }),
    startAccelerometer: (o?: Options<{ interval?: 'game' | 'ui' | 'normal' }>) =>
      settle('startAccelerometer', o, async () => {
        await context.privacy.require();
        devices.startAccelerometer(o?.interval ?? 'normal');
        return {};
      }),
    onNeedPrivacyAuthorization: (listener: Parameters<PrivacyConsent['listen']>[0]) => context.privacy.listen(listener),
    requirePrivacyAuthorize: (o?: Options) => settle('requirePrivacyAuthorize', o, () => context.privacy.require()),
    getPrivacySetting: (o?: Options) =>
      settle('getPrivacySetting', o, () => ({
        needAuthorization: !context.privacy.agreed,
        privacyContractName: '《用户隐私保护指引》',
      })),
    // the guide itself lives on the platform (docs/deploy.md §7): the preview can only say so
    openPrivacyContract: (o?: Options) =>
      settle('openPrivacyContract', o, () => {
        context.report('wx.openPrivacyContract: the guide filled in on mp.weixin.qq.com opens here on a phone');
        return {};
      }),
    stopAccelerometer: (o?: Options) => settle('stopAccelerometer', o, () => (devices.stopAccelerometer(), {})),
    onAccelerometerChange: (listener: (reading: { x: number; y: number; z: number }) => void) =>
      devices.onAccelerometer(listener),
    offAccelerometerChange: (listener?: (reading: { x: number; y: number; z: number }) => void) =>
      devices.offAccelerometer(listener),
    getScreenBrightness: (o?: Options) =>
      settle('getScreenBrightness', o, () => ({ value: devices.display.brightness })),
    setScreenBrightness: (o: Options<{ value: number }>) =>
      settle('setScreenBrightness', o, () => {
        devices.display.brightness = o.value;
        context.report(`setScreenBrightness ${o.value}`);
        return {};
      }),
    setKeepScreenOn: (o: Options<{ keepScreenOn: boolean }>) =>
      settle('setKeepScreenOn', o, () => {
        devices.display.keepOn = o.keepScreenOn;
        context.report(`setKeepScreenOn ${o.keepScreenOn}`);
        return {};
      }),
    // a browser has no phone line: the number goes to the dev panel's log, as a dialled call would show it
    makePhoneCall: (o: Options<{ phoneNumber: string }>) =>
      settle('makePhoneCall', o, () => {
        context.report(`makePhoneCall ${o.phoneNumber}`);
        return {};
      }),
    // the browser's own clipboard, when the page may write it; the dev panel's log says what was copied either way
    setClipboardData: (o: Options<{ data: string }>) =>
      settle('setClipboardData', o, () => {
        context.report(`setClipboardData ${o.data}`);
        void globalThis.navigator?.clipboard?.writeText(o.data).catch(() => undefined);
        return {};
      }),
    onUserCaptureScreen: (listener: () => void) => void devices.display.captureListeners.add(listener),
    offUserCaptureScreen: (listener?: () => void) => {
      if (listener) devices.display.captureListeners.delete(listener);
      else devices.display.captureListeners.clear();
    },
    vibrateShort: (o?: Options<{ type?: 'heavy' | 'medium' | 'light' }>) =>
      settle('vibrateShort', o, () => (frame.flash(false), context.report('vibrateShort'), {})),
    vibrateLong: (o?: Options) =>
      settle('vibrateLong', o, () => (frame.flash(true), context.report('vibrateLong'), {})),
    requestSubscribeMessage: (o: Options<{ tmplIds: string[] }>) =>
      settle('requestSubscribeMessage', o, async () => {
        const answers = await devices.askSubscriptions(o.tmplIds ?? []);
        if (!answers) throw new Error('cancel');
        return answers;
      }),
    chooseMedia: (o: Options<{ count?: number; mediaType?: string[] }> = {}) =>
      settle('chooseMedia', o, async () => {
        const files = await devices.chooseFiles(o.count ?? 9, o.mediaType?.includes('video') ?? false);
        if (!files) throw new Error('cancel');
        return {
          type: files.some((file) => file.type.startsWith('video')) ? 'mix' : 'image',
          tempFiles: files.map((file) => ({
            tempFilePath: URL.createObjectURL(file),
            size: file.size,
            fileType: file.type.startsWith('video') ? 'video' : 'image',
          })),
        };
      }),
    chooseImage: (o: Options<{ count?: number }> = {}) =>
      settle('chooseImage', o, async () => {
        const files = await devices.chooseFiles(o.count ?? 9, false);
        if (!files) throw new Error('cancel');
        const tempFiles = files.map((file) => ({ path: URL.createObjectURL(file), size: file.size }));
        return { tempFilePaths: tempFiles.map((file) => file.path), tempFiles };
      }),

    createSelectorQuery: () => {
      const top = context.stack.top;
      return new SelectorQuery(top ? (top.page.root as unknown as { _exparserNode: ExparserNode }) : undefined);
    },
    getSystemInfoSync: () => systemInfo(),
    getSystemInfo: (o?: Options) => settle('getSystemInfo', o, () => systemInfo()),
    getWindowInfo: () => systemInfo(),
    getDeviceInfo: () => systemInfo(),
    getAppBaseInfo: () => systemInfo(),
    getSystemSetting: () => ({
      bluetoothEnabled: false,
      locationEnabled: false,
      wifiEnabled: true,
      deviceOrientation: 'portrait',
    }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 50, right: 368, bottom: 82, left: 281 }),
    getLaunchOptionsSync: () => ({
      path: context.stack.open[0]?.route ?? '',
      query: {},
      scene: 1001,
      referrerInfo: {},
    }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
  };

  return new Proxy(shim, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (name in target) return target[name];
      if (KEPT_FROM_SIMULATE.has(name)) return simulateApi[name];
      if (!(name in simulateApi)) return undefined;
      // an API WeChat has and the preview does not: say so instead of pretending
      return (options?: Callbacks<object>) => {
        context.report(`wx.${name} is not available in the browser preview`);
        return settle(name, options, () => {
          throw new Error('not available in the browser preview');
        });
      };
    },
  });
}

async function uploadFile(context: WxContext, cloudPath: string, filePath: string) {
  if (typeof cloudPath !== 'string' || cloudPath === '' || typeof filePath !== 'string' || filePath === '') {
    throw new Error('cloudPath and filePath are required');
  }
  context.inFlight.count += 1;
  try {
    const file = await (await fetch(filePath)).blob();
    const target = `/_dev/storage/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
    const response = await fetch(target, { method: 'PUT', body: file });
    const answer = (await response.json()) as { fileID?: string; message?: string };
    if (!response.ok || !answer.fileID) throw new Error(answer.message ?? `upload failed (${response.status})`);
    context.report(`wx.cloud.uploadFile ${cloudPath} (${file.size} bytes)`);
    return { fileID: answer.fileID, statusCode: 200 };
  } finally {
    context.inFlight.count -= 1;
  }
}

async function callFunction(context: WxContext, name: string, data: Record<string, unknown>) {
  context.inFlight.count += 1;
  try {
    const response = await fetch(`/fn/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': context.openid() },
      body: JSON.stringify(data),
    });
    const body: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      // the gateway's {errCode, errMsg} for a function that threw, timed out or does not exist
      const { errCode, errMsg } = body as { errCode?: number; errMsg?: string };
      throw new Error(`${errCode ?? response.status} ${errMsg ?? 'functions execute fail'}`);
    }
    return { result: body, requestID: crypto.randomUUID() };
  } finally {
    context.inFlight.count -= 1;
  }
}

function systemInfo() {
  // a page without the tab bar: its window runs from under the navigation bar to the bottom edge
  const windowHeight = SCREEN.height - SCREEN.statusBar - SCREEN.navBar;
  return {
    brand: 'iPhone',
    model: 'iPhone X (browser preview)',
    system: 'iOS 16.0',
    platform: 'ios',
    version: '8.0.50',
    SDKVersion: '3.5.0',
    language: 'zh_CN',
    theme: 'light',
    pixelRatio: window.devicePixelRatio || 1,
    screenWidth: SCREEN.width,
    screenHeight: SCREEN.height,
    windowWidth: SCREEN.width,
    windowHeight,
    statusBarHeight: SCREEN.statusBar,
    screenTop: SCREEN.statusBar + SCREEN.navBar,
    safeArea: {
      left: 0,
      right: SCREEN.width,
      top: SCREEN.statusBar,
      bottom: SCREEN.height - SCREEN.homeIndicator,
      width: SCREEN.width,
      height: SCREEN.height - SCREEN.statusBar - SCREEN.homeIndicator,
    },
    fontSizeSetting: 16,
    benchmarkLevel: 1,
  };
}
