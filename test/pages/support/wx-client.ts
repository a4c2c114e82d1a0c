/**
 * The WeChat client APIs a page test replaces, and only those: they are what the phone provides. Everything
 * behind them is real — the page's service, the cloud function bundle, wx-server-sdk and localcloud's database.
 *
 * `wx.cloud.callFunction` goes to localcloud's dev gateway (`POST /fn/<name>`, the caller in `X-WX-OPENID`) and
 * resolves the way the client library does: `{ result, errMsg: 'cloud.callFunction:ok', requestID }`, or fails
 * with `cloud.callFunction:fail …` when the function cannot answer. Navigation goes to a page stack (see
 * mini-program.ts); toasts, loading, vibrations and storage are recorded in memory, per phone; a modal stays open
 * until the test answers it (`phone.modal.answer(confirm)`), as it waits for the person. The camera scans what
 * the test puts before it (`phone.scanner`), the accelerometer reports the samples a test plays (sensors.ts), and
 * the privacy consent (`phone.privacy`) holds sensor calls until the page's own consent sheet answers.
 *
 * Photos: `wx.chooseMedia` answers with the picture the test put before the camera (`phone.camera.next`) or in the
 * album (`phone.album.next`) — real image bytes, kept as a temp file — or fails as the person closing it when neither
 * source the page offers has one. `wx.cloud.uploadFile` reads that temp file and PUTs its bytes into localcloud's
 * storage (`PUT /_dev/storage/<cloudPath>`, as the browser preview's client does), answering `{ fileID, statusCode }`
 * like the client library; with `phone.network` `offline` it fails, as every cloud call then does.
 *
 * The phone runs a develop build (开发版) of the tourist AppID, as project.config.json has it (`phone.account`),
 * so app.ts chooses localcloud's environment; `wx.cloud.callFunction` refuses until `wx.cloud.init` named an environment, which
 * the platform marks required.
 */
import { randomUUID } from 'node:crypto';

interface Callbacks<T> {
  success?: (result: T) => void;
  fail?: (error: { errMsg: string }) => void;
  complete?: (result: T | { errMsg: string }) => void;
}

/** What the phone was asked to do, in order, for assertions. */
export interface WxCalls {
  callFunction: Array<{ name: string; data: Record<string, unknown> }>;
  navigateTo: string[];
  navigateBack: number[];
  redirectTo: string[];
  switchTab: string[];
  reLaunch: string[];
  showModal: ModalRequest[];
  showToast: Array<{ title: string; icon?: string }>;
  showLoading: string[];
  hideLoading: number;
  vibrateShort: string[];
  scanCode: Array<{ onlyFromCamera?: boolean; scanType?: string[] }>;
  setScreenBrightness: number[];
  setKeepScreenOn: boolean[];
  /** numbers the page dialled (wx.makePhoneCall) */
  makePhoneCall: string[];
  /** what the page put on the clipboard (wx.setClipboardData) */
  setClipboardData: string[];
  /** the templates each wx.requestSubscribeMessage asked for (the person accepts all of them) */
  requestSubscribeMessage: string[][];
  /** where each wx.chooseMedia let the person take the picture from, and the camera it opened */
  chooseMedia: Array<{ sourceType: string[]; camera: string }>;
  /** the cloudPath of each wx.cloud.uploadFile */
  uploadFile: string[];
  /** the pictures each wx.previewImage showed full screen: the one tapped and all of them */
  previewImage: Array<{ current?: string; urls: string[] }>;
}

/** A picture on the phone: the bytes of a real JPEG or PNG image. */
export interface Picture {
  type: 'jpeg' | 'png';
  bytes: Buffer;
}

/** The page stack the navigation APIs drive (mini-program.ts). */
export interface Navigator {
  navigateTo(url: string): Promise<void>;
  navigateBack(delta: number): Promise<void>;
  redirectTo(url: string): Promise<void>;
  switchTab(url: string): Promise<void>;
  reLaunch(url: string): Promise<void>;
  currentPages(): object[];
}

/** What a page asked wx.showModal to show. */
export interface ModalRequest {
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
}

/** A modal on screen, waiting for the person: `answer(true)` taps its confirm button, `answer(false)` cancel. */
export interface OpenModal extends ModalRequest {
  answer(confirm: boolean): void;
}

export interface Phone {
  /** the simulated WeChat user: sent as X-WX-OPENID, as the platform injects OPENID */
  openid: string | undefined;
  /** where localcloud listens now (it changes when a test restarts it) */
  cloudUrl: () => string;
  storage: Map<string, string>;
  calls: WxCalls;
  /** cloud calls sent and not answered yet */
  inFlight: number;
  /** the wx.showModal on screen, until the test answers it */
  modal: OpenModal | undefined;
  /** device pixels per CSS pixel (wx.getWindowInfo) */
  pixelRatio: number;
  /** what the camera sees at the next wx.scanCode: a QR code's text, or undefined (the person closes it) */
  scanner: { next: string | undefined };
  accelerometer: Accelerometer;
  /** the screen: its brightness (0–1, the person's setting until a page sets it), whether it is kept on, and the
   * wx.onUserCaptureScreen listeners a screenshot (`captureScreen`) calls */
  screen: { brightness: number; keepOn: boolean; captureListeners: Set<() => void> };
  /**
   * 用户隐私保护指引: agreed, or undecided (a sensor call waits for the page's wx.onNeedPrivacyAuthorization
   * listener to resolve; disagree fails it); `listener` is the page's, when it registered one
   */
  privacy: { consent: 'agreed' | 'undecided'; listener: PrivacyListener | undefined };
  /** what wx.getAccountInfoSync tells about the build: a develop build of the tourist AppID unless a test says */
  account: { appId: string; envVersion: 'develop' | 'trial' | 'release' };
  /** the `env` app.ts gave wx.cloud.init at this launch (undefined until it did) */
  cloudEnv: string | undefined;
  /** what the camera takes at the next wx.chooseMedia that offers it; undefined: the person closes it */
  camera: { next: Picture | undefined };
  /** what the person picks from the album at the next wx.chooseMedia that offers it */
  album: { next: Picture | undefined };
  /** the temp files wx.chooseMedia made (`wxfile://tmp_…`), as wx.cloud.uploadFile reads them */
  tempFiles: Map<string, Buffer>;
  /** `offline`: cloud calls and uploads fail as they do with no network */
  network: 'online' | 'offline';
}

export interface Accelerometer {
  /** between a successful wx.startAccelerometer and wx.stopAccelerometer */
  running: boolean;
  interval: string | undefined;
  listeners: Set<(sample: { x: number; y: number; z: number }) => void>;
}

type PrivacyListener = (resolve: (decision: { event: 'agree' | 'disagree'; buttonId?: string }) => void) => void;

export function newPhone(openid: string | undefined, cloudUrl: () => string): Phone {
  return {
    openid,
    cloudUrl,
    storage: new Map(),
    calls: {
      callFunction: [],
      navigateTo: [],
      navigateBack: [],
      redirectTo: [],
      switchTab: [],
      reLaunch: [],
      showModal: [],
      showToast: [],
      showLoading: [],
      hideLoading: 0,
      vibrateShort: [],
      scanCode: [],
      setScreenBrightness: [],
      setKeepScreenOn: [],
      makePhoneCall: [],
      setClipboardData: [],
      requestSubscribeMessage: [],
      chooseMedia: [],
      uploadFile: [],
      previewImage: [],
    },
    inFlight: 0,
    modal: undefined,
    pixelRatio: 2,
    scanner: { next: undefined },
    accelerometer: { running: false, interval: undefined, listeners: new Set() },
    screen: { brightness: 0.4, keepOn: false, captureListeners: new Set() },
    privacy: { consent: 'agreed', listener: undefined },
    account: { appId: 'touristappid', envVersion: 'develop' },
    cloudEnv: undefined,
    camera: { next: undefined },
    album: { next: undefined },
    tempFiles: new Map(),
    network: 'online',
  };
}

/**
 * WeChat's async APIs take callbacks, or return a promise when given none. The stubs do the same, so a page may
 * use either style.
 */
function settle<T>(api: string, options: Callbacks<T>, work: () => Promise<T>): Promise<T> | undefined {
  const outcome = work().then(
    (result) => {
      options.success?.(result);
      options.complete?.(result);
      return result;
    },
    (error: unknown) => {
      const failure = { errMsg: `${api}:fail ${error instanceof Error ? error.message : String(error)}` };
      options.fail?.(failure);
      options.complete?.(failure);
      throw failure;
    },
  );
  if (options.success || options.fail || options.complete) {
    outcome.catch(() => undefined);
    return undefined;
  }
  return outcome;
}

async function callThroughGateway(phone: Phone, name: string, data: Record<string, unknown>) {
  phone.calls.callFunction.push({ name, data });
  phone.inFlight += 1;
  try {
    return await postToGateway(phone, name, data);
  } finally {
    phone.inFlight -= 1;
  }
}

async function postToGateway(phone: Phone, name: string, data: Record<string, unknown>) {
  if (phone.network === 'offline') throw new Error('-1 request:fail network unavailable');
  const response = await fetch(`${phone.cloudUrl()}/fn/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(phone.openid ? { 'x-wx-openid': phone.openid } : {}) },
    body: JSON.stringify(data),
  });
  // parsed here, not by fetch: fetch's objects belong to Node's realm, where the page's `instanceof Array` fails
  const body: unknown = JSON.parse(await response.text());
  if (!response.ok) {
    // the gateway's {errCode, errMsg} for a function that threw, timed out or does not exist
    const { errCode, errMsg } = body as { errCode?: number; errMsg?: string };
    throw new Error(`${errCode ?? response.status} ${errMsg ?? 'functions execute fail'}`);
  }
  return { result: body, errMsg: 'cloud.callFunction:ok', requestID: randomUUID() };
}

/** The person takes or picks a picture from one of the sources the page offers, or closes the picker. */
function choosePicture(phone: Phone, sources: string[]) {
  const source = (['camera', 'album'] as const).find((s) => sources.includes(s) && phone[s].next);
  const picture = source && phone[source].next;
  if (!source || !picture) throw new Error('cancel');
  phone[source].next = undefined;
  const tempFilePath = `wxfile://tmp_${randomUUID().replace(/-/g, '')}.${picture.type === 'png' ? 'png' : 'jpg'}`;
  phone.tempFiles.set(tempFilePath, picture.bytes);
  return {
    ...ok('chooseMedia'),
    type: 'image',
    tempFiles: [{ tempFilePath, size: picture.bytes.length, fileType: 'image' }],
  };
}

/** wx.cloud.uploadFile: the temp file's bytes into localcloud's storage, as the signed-in user's client puts them. */
async function uploadToStorage(phone: Phone, cloudPath: string, filePath: string) {
  if (phone.cloudEnv === undefined) throw new Error('wx.cloud.init has not named an env');
  const bytes = phone.tempFiles.get(filePath);
  if (!bytes) throw new Error(`no such file: ${filePath}`);
  if (phone.network === 'offline') throw new Error('-1 request:fail network unavailable');
  phone.inFlight += 1;
  try {
    const target = `${phone.cloudUrl()}/_dev/storage/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
    const response = await fetch(target, { method: 'PUT', body: new Uint8Array(bytes) });
    const answer = JSON.parse(await response.text()) as { fileID?: string; message?: string };
    if (!response.ok || !answer.fileID) throw new Error(`${response.status} ${answer.message ?? 'upload failed'}`);
    return { fileID: answer.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  } finally {
    phone.inFlight -= 1;
  }
}

/** Puts the phone's APIs on the global `wx` (miniprogram-simulate's stub keeps the rest). */
export function installWxClient(phone: Phone, navigator: Navigator): void {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  // simulate's window (its size and safe area), with this phone's pixel ratio
  const windowInfo = (wx.getWindowInfo as () => object)();
  const storageValue = (key: string): unknown => {
    const stored = phone.storage.get(key);
    // like the real storage: values are serialized, and a missing key reads as ''
    return stored === undefined ? '' : JSON.parse(stored);
  };
  Object.assign(wx, {
    cloud: {
      init: (options: { env?: string } = {}) => {
        phone.cloudEnv = options.env;
      },
      callFunction: (options: { name: string; data?: Record<string, unknown> } & Callbacks<unknown>) =>
        settle('cloud.callFunction', options, async () => {
          if (phone.cloudEnv === undefined) throw new Error('wx.cloud.init has not named an env');
          return callThroughGateway(phone, options.name, options.data ?? {});
        }),
      uploadFile: (options: { cloudPath: string; filePath: string } & Callbacks<unknown>) => {
        phone.calls.uploadFile.push(options.cloudPath);
        return settle('cloud.uploadFile', options, () => uploadToStorage(phone, options.cloudPath, options.filePath));
      },
    },
    chooseMedia: (options: { sourceType?: string[]; camera?: string } & Callbacks<unknown>) => {
      const sourceType = options.sourceType ?? ['album', 'camera'];
      phone.calls.chooseMedia.push({ sourceType, camera: options.camera ?? 'back' });
      return settle('chooseMedia', options, async () => choosePicture(phone, sourceType));
    },
    previewImage: (options: { current?: string; urls: string[] } & Callbacks<{ errMsg: string }>) => {
      phone.calls.previewImage.push({ current: options.current, urls: options.urls });
      return settle('previewImage', options, async () => ok('previewImage'));
    },
    getAccountInfoSync: () => ({ miniProgram: { ...phone.account, version: '' } }),
    navigateTo: (options: { url: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.navigateTo.push(options.url);
      return settle('navigateTo', options, () => navigator.navigateTo(options.url).then(() => ok('navigateTo')));
    },
    navigateBack: (options: { delta?: number } & Callbacks<{ errMsg: string }> = {}) => {
      const delta = options.delta ?? 1;
      phone.calls.navigateBack.push(delta);
      return settle('navigateBack', options, () => navigator.navigateBack(delta).then(() => ok('navigateBack')));
    },
    redirectTo: (options: { url: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.redirectTo.push(options.url);
      return settle('redirectTo', options, () => navigator.redirectTo(options.url).then(() => ok('redirectTo')));
    },
    switchTab: (options: { url: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.switchTab.push(options.url);
      return settle('switchTab', options, () => navigator.switchTab(options.url).then(() => ok('switchTab')));
    },
    reLaunch: (options: { url: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.reLaunch.push(options.url);
      return settle('reLaunch', options, () => navigator.reLaunch(options.url).then(() => ok('reLaunch')));
    },
    showModal: (options: ModalRequest & Callbacks<{ errMsg: string; confirm: boolean; cancel: boolean }>) => {
      const { title, content, confirmText, cancelText } = options;
      const request = { title, content, confirmText, cancelText };
      phone.calls.showModal.push(request);
      return settle(
        'showModal',
        options,
        () =>
          new Promise((resolve) => {
            phone.modal = {
              ...request,
              answer(confirm) {
                phone.modal = undefined;
                resolve({ ...ok('showModal'), confirm, cancel: !confirm });
              },
            };
          }),
      );
    },
    showToast: (options: { title: string; icon?: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.showToast.push({ title: options.title, icon: options.icon });
      return settle('showToast', options, async () => ok('showToast'));
    },
    showLoading: (options: { title: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.showLoading.push(options.title);
      return settle('showLoading', options, async () => ok('showLoading'));
    },
    hideLoading: (options: Callbacks<{ errMsg: string }> = {}) => {
      phone.calls.hideLoading += 1;
      return settle('hideLoading', options, async () => ok('hideLoading'));
    },
    getWindowInfo: () => ({ ...windowInfo, pixelRatio: phone.pixelRatio }),
    scanCode: (options: { onlyFromCamera?: boolean; scanType?: string[] } & Callbacks<{ result: string }>) => {
      phone.calls.scanCode.push({ onlyFromCamera: options.onlyFromCamera, scanType: options.scanType });
      const seen = phone.scanner.next;
      phone.scanner.next = undefined;
      return settle('scanCode', options, async () => {
        if (seen === undefined) throw new Error('cancel');
        return { ...ok('scanCode'), result: seen, scanType: 'QR_CODE', charSet: 'UTF-8', path: '', rawData: '' };
      });
    },
    vibrateShort: (options: { type?: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.vibrateShort.push(options.type ?? '');
      return settle('vibrateShort', options, async () => ok('vibrateShort'));
    },
    startAccelerometer: (options: { interval?: string } & Callbacks<{ errMsg: string }> = {}) =>
      settle('startAccelerometer', options, async () => {
        await privacyConsent(phone);
        phone.accelerometer.running = true;
        phone.accelerometer.interval = options.interval;
        return ok('startAccelerometer');
      }),
    stopAccelerometer: (options: Callbacks<{ errMsg: string }> = {}) =>
      settle('stopAccelerometer', options, async () => {
        phone.accelerometer.running = false;
        return ok('stopAccelerometer');
      }),
    onAccelerometerChange: (listener: (sample: { x: number; y: number; z: number }) => void) =>
      void phone.accelerometer.listeners.add(listener),
    offAccelerometerChange: (listener?: (sample: { x: number; y: number; z: number }) => void) => {
      if (listener) phone.accelerometer.listeners.delete(listener);
      else phone.accelerometer.listeners.clear();
    },
    getScreenBrightness: (options: Callbacks<{ value: number }> = {}) =>
      settle('getScreenBrightness', options, async () => ({
        ...ok('getScreenBrightness'),
        value: phone.screen.brightness,
      })),
    setScreenBrightness: (options: { value: number } & Callbacks<{ errMsg: string }>) => {
      phone.calls.setScreenBrightness.push(options.value);
      return settle('setScreenBrightness', options, async () => {
        phone.screen.brightness = options.value;
        return ok('setScreenBrightness');
      });
    },
    setKeepScreenOn: (options: { keepScreenOn: boolean } & Callbacks<{ errMsg: string }>) => {
      phone.calls.setKeepScreenOn.push(options.keepScreenOn);
      return settle('setKeepScreenOn', options, async () => {
        phone.screen.keepOn = options.keepScreenOn;
        return ok('setKeepScreenOn');
      });
    },
    makePhoneCall: (options: { phoneNumber: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.makePhoneCall.push(options.phoneNumber);
      return settle('makePhoneCall', options, async () => ok('makePhoneCall'));
    },
    setClipboardData: (options: { data: string } & Callbacks<{ errMsg: string }>) => {
      phone.calls.setClipboardData.push(options.data);
      return settle('setClipboardData', options, async () => ok('setClipboardData'));
    },
    requestSubscribeMessage: (options: { tmplIds: string[] } & Callbacks<Record<string, string>>) => {
      phone.calls.requestSubscribeMessage.push(options.tmplIds);
      return settle('requestSubscribeMessage', options, async () => ({
        ...ok('requestSubscribeMessage'),
        ...Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])),
      }));
    },
    onUserCaptureScreen: (listener: () => void) => void phone.screen.captureListeners.add(listener),
    offUserCaptureScreen: (listener?: () => void) => {
      if (listener) phone.screen.captureListeners.delete(listener);
      else phone.screen.captureListeners.clear();
    },
    onNeedPrivacyAuthorization: (listener: PrivacyListener) => {
      phone.privacy.listener = listener;
    },
    openPrivacyContract: (options: Callbacks<{ errMsg: string }> = {}) =>
      settle('openPrivacyContract', options, async () => ok('openPrivacyContract')),
    getStorageSync: storageValue,
    setStorageSync: (key: string, value: unknown) => void phone.storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key: string) => void phone.storage.delete(key),
    clearStorageSync: () => phone.storage.clear(),
  });
  Object.assign(globalThis, { getCurrentPages: () => navigator.currentPages() });
}

/**
 * A privacy API's call before the person agreed: WeChat asks the page's listener and holds the call until it
 * resolves (agree lets it run; disagree fails it). With no listener, WeChat's own sheet would ask: here that
 * fails, so a test that leaves consent undecided must go through the page's sheet.
 */
async function privacyConsent(phone: Phone): Promise<void> {
  if (phone.privacy.consent === 'agreed') return;
  const { listener } = phone.privacy;
  if (!listener) throw new Error('privacy permission is not authorized (the page has no privacy listener)');
  const decision = await new Promise<{ event: 'agree' | 'disagree'; buttonId?: string }>((resolve) =>
    listener(resolve),
  );
  if (decision.event !== 'agree' || !decision.buttonId) throw new Error('privacy permission is not authorized');
  phone.privacy.consent = 'agreed';
}

/** The person takes a screenshot: WeChat tells the listeners after the fact (it cannot prevent it). */
export function captureScreen(phone: Phone): void {
  for (const listener of phone.screen.captureListeners) listener();
}

function ok(api: string) {
  return { errMsg: `${api}:ok` };
}
