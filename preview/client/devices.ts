/**
 * The phone's hardware, as the preview stands in for it (wx.ts says which API uses what):
 * - the camera of `scanCode`: a dialog to paste a code or pick a QR code shown in the preview — every `<canvas>`
 *   of the open pages is decoded with jsQR, and codes seen under another identity are remembered for this tab
 *   (so a guard can scan the pass a resident showed a moment ago);
 * - the accelerometer: the project's accelerometer traces (demo/sensors/, the ones core/shake.ts is tested
 *   against): the resting trace looped at the requested interval, and the shake trace once when the dev panel's
 *   摇一摇 is pressed. Those traces are synthesized to the magnitudes phones report, not recorded from a device
 *   (make-accelerometer-traces.ts says how): thresholds tuned on them must still be checked on a phone;
 * - the subscription-message prompt: accept or deny per template, like the client's dialog;
 * - the photo picker: the browser's file input.
 */
import jsQR from 'jsqr';
import restingTrace from '../../demo/sensors/accelerometer-resting.json';
import shakeTrace from '../../demo/sensors/accelerometer-shake.json';
import { el } from './dom';
import type { Overlays } from './overlays';

export interface Reading {
  x: number;
  y: number;
  z: number;
}

const INTERVAL_MS = { game: 20, ui: 60, normal: 200 } as const;
const SEEN_CODES_KEY = 'tx-preview.seen-codes';

export interface SeenCode {
  code: string;
  /** who had it on screen, and on which page */
  where: string;
}

export class Devices {
  private readonly listeners = new Set<(reading: Reading) => void>();
  private timer: number | undefined;
  private shakeStartedAt: number | undefined;
  private intervalMs: number = INTERVAL_MS.normal;

  constructor(
    private readonly overlays: Overlays,
    private readonly screen: HTMLElement,
    private readonly whoAndWhere: () => string,
  ) {}

  // ---- screen (brightness, kept on, screenshots) ----

  /**
   * The phone screen's state as the pages set it, for the dev panel's log and for tests (`window`'s preview
   * object): a browser cannot change the display's brightness, so it is only recorded.
   */
  readonly display = { brightness: 0.5, keepOn: false, captureListeners: new Set<() => void>() };

  /** A screenshot of the phone: WeChat tells the page's listeners after the fact. */
  captureScreen(): void {
    for (const listener of this.display.captureListeners) listener();
  }

  // ---- accelerometer ----

  startAccelerometer(interval: keyof typeof INTERVAL_MS): void {
    this.intervalMs = INTERVAL_MS[interval] ?? INTERVAL_MS.normal;
    window.clearInterval(this.timer);
    this.timer = window.setInterval(() => this.emit(), this.intervalMs);
  }

  stopAccelerometer(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }

  get accelerometerRunning(): boolean {
    return this.timer !== undefined;
  }

  onAccelerometer(listener: (reading: Reading) => void): void {
    this.listeners.add(listener);
  }

  offAccelerometer(listener?: (reading: Reading) => void): void {
    if (listener) this.listeners.delete(listener);
    else this.listeners.clear();
  }

  /** The dev panel's shake button: the next readings follow the shake trace. */
  shake(): void {
    this.shakeStartedAt = performance.now();
  }

  private emit(): void {
    const reading = this.reading(performance.now());
    for (const listener of this.listeners) listener(reading);
  }

  /** The trace sample at this moment: the shake while it lasts, else the resting trace, looped. */
  private reading(now: number): Reading {
    const sinceShake = this.shakeStartedAt === undefined ? Infinity : now - this.shakeStartedAt;
    if (sinceShake <= duration(shakeTrace)) return sampleAt(shakeTrace, sinceShake);
    return sampleAt(restingTrace, now % duration(restingTrace));
  }

  // ---- camera (scanCode) ----

  async scan(): Promise<string | undefined> {
    const seen = this.collectCodes();
    const input = el('textarea', { class: 'pv-standin__input', placeholder: '粘贴要扫的码', rows: '2' });
    const picks = seen.map((entry) => {
      const pick = el('button', { class: 'pv-standin__pick' }, [
        el('span', { class: 'pv-standin__pick-code', text: entry.code }),
        el('span', { class: 'pv-standin__pick-where', text: entry.where }),
      ]);
      pick.type = 'button';
      pick.addEventListener('click', () => (input.value = entry.code));
      return pick;
    });
    const list = picks.length
      ? el('div', { class: 'pv-standin__picks' }, picks)
      : el('div', { class: 'pv-standin__empty', text: '预览中还没有显示过二维码' });
    const code = await this.overlays.standIn(
      '扫一扫',
      '手机上这里会打开摄像头；预览里粘贴一个码，或选一个预览中显示过的二维码。',
      [list, input],
      [
        { label: '取消', value: () => undefined },
        { label: '确定', value: () => input.value.trim() || undefined, primary: true },
      ],
    );
    return code;
  }

  /** Decodes the QR codes on the open pages' canvases and remembers them; returns all remembered, newest first. */
  collectCodes(): SeenCode[] {
    const seen: SeenCode[] = JSON.parse(sessionStorage.getItem(SEEN_CODES_KEY) ?? '[]') as SeenCode[];
    for (const canvas of this.screen.querySelectorAll('canvas')) {
      const code = decode(canvas);
      if (code === undefined) continue;
      const index = seen.findIndex((entry) => entry.code === code);
      if (index >= 0) seen.splice(index, 1);
      seen.unshift({ code, where: this.whoAndWhere() });
    }
    sessionStorage.setItem(SEEN_CODES_KEY, JSON.stringify(seen.slice(0, 20)));
    return seen.slice(0, 20);
  }

  // ---- permission prompt of requestSubscribeMessage ----

  async askSubscriptions(templateIds: string[]): Promise<Record<string, 'accept' | 'reject'> | undefined> {
    const boxes = templateIds.map((id) => {
      const box = el('input', { type: 'checkbox' });
      box.checked = true;
      return { id, box, row: el('label', { class: 'pv-standin__check' }, [box, el('span', { text: id })]) };
    });
    return this.overlays.standIn(
      '发送订阅消息',
      '手机上微信会询问是否允许小程序发送以下消息（模板 ID）。取消勾选即拒绝该模板。',
      boxes.map((entry) => entry.row),
      [
        { label: '拒绝', value: () => Object.fromEntries(templateIds.map((id) => [id, 'reject' as const])) },
        {
          label: '允许',
          value: () =>
            Object.fromEntries(
              boxes.map((entry) => [entry.id, entry.box.checked ? ('accept' as const) : ('reject' as const)]),
            ),
          primary: true,
        },
      ],
    );
  }

  // ---- photo picker ----

  chooseFiles(count: number, videos: boolean): Promise<File[] | undefined> {
    return new Promise((resolve) => {
      const input = el('input', { type: 'file', accept: videos ? 'image/*,video/*' : 'image/*' });
      input.multiple = count > 1;
      input.addEventListener('change', () => resolve([...(input.files ?? [])].slice(0, count)));
      input.addEventListener('cancel', () => resolve(undefined));
      void this.overlays
        .actionSheet(['拍摄', '从手机相册选择'])
        .then((index) => (index === undefined ? resolve(undefined) : input.click()));
    });
  }
}

interface TraceSample extends Reading {
  /** milliseconds from the start of the trace */
  t: number;
}

function duration(trace: TraceSample[]): number {
  return trace.at(-1)?.t ?? 0;
}

/** The last sample at or before `t`: the page gets readings at its own interval, whatever the trace's. */
function sampleAt(trace: TraceSample[], t: number): Reading {
  let found = trace[0];
  for (const sample of trace) {
    if (sample.t > t) break;
    found = sample;
  }
  return { x: found.x, y: found.y, z: found.z };
}

function decode(canvas: HTMLCanvasElement): string | undefined {
  if (canvas.width === 0 || canvas.height === 0) return undefined;
  try {
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height)?.data || undefined;
  } catch {
    return undefined;
  }
}
