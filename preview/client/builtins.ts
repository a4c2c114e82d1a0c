/**
 * Built-in components that need a real element in a browser. miniprogram-simulate registers every built-in tag
 * as an empty `<wx-…>` with a slot (enough for jsdom tests); the preview replaces a few with working ones:
 * - `input` and `textarea`: a native field inside, firing `input` ({value, cursor, keyCode}), `focus`, `blur`
 *   and `confirm` ({value}) as WeChat's do. The keyboard is the computer's, so `confirm-type`, `cursor-spacing`
 *   and `adjust-position` do nothing, and placeholder styles are approximated.
 * - `image`: an `<img>` with `mode` mapped to CSS (scaleToFill, aspectFit, aspectFill, widthFix, heightFix),
 *   320 × 240 px by default as on a phone; `bindload`/`binderror` fire.
 * - `canvas` (`type="2d"`): a real `<canvas>` sized to the element; `createSelectorQuery().fields({ node: true })`
 *   returns it (with `createImage` and `requestAnimationFrame`, as WeChat's Canvas node has).
 * - `button` with `open-type="agreePrivacyAuthorization"`: a tap also fires `agreeprivacyauthorization`.
 * Everything else keeps simulate's stub (layout only: `view`, `text`, `scroll-view`, …; see preview.css).
 */
import { register } from 'j-component';
import SelectorQuery from 'j-component/src/tool/selectorquery';

interface Caller {
  _exparserNode: { $$: HTMLElement };
  data: Record<string, unknown>;
  triggerEvent(name: string, detail: unknown): void;
  __field?: HTMLInputElement | HTMLTextAreaElement;
}

type Definition = Parameters<typeof register>[0];

function field(tag: 'input' | 'textarea'): Definition {
  return {
    id: tag,
    tagName: `wx-${tag}`,
    template: '<slot/>',
    properties: {
      value: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      maxlength: { type: Number, value: 140 },
      disabled: { type: Boolean, value: false },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
    },
    observers: {
      'value, type, password, placeholder, maxlength, disabled, focus'(this: Caller) {
        sync(this);
      },
    },
    lifetimes: {
      attached(this: Caller) {
        const native = document.createElement(tag);
        native.className = 'pv-native-field';
        this.__field = native;
        this._exparserNode.$$.append(native);
        const detail = () => ({ value: native.value, cursor: native.selectionStart ?? native.value.length });
        native.addEventListener('input', (event) =>
          this.triggerEvent('input', { ...detail(), keyCode: (event as InputEvent).data?.charCodeAt(0) ?? 8 }),
        );
        native.addEventListener('focus', () => this.triggerEvent('focus', { value: native.value, height: 0 }));
        native.addEventListener('blur', () => this.triggerEvent('blur', detail()));
        native.addEventListener('keydown', (event) => {
          if ((event as KeyboardEvent).key === 'Enter' && tag === 'input') {
            this.triggerEvent('confirm', { value: native.value });
          }
        });
        sync(this);
        if (this.data.focus || this.data.autoFocus) native.focus();
      },
    },
  } as unknown as Definition;
}

function sync(caller: Caller): void {
  const native = caller.__field;
  if (!native) return;
  const data = caller.data;
  const value = String(data.value ?? '');
  if (native.value !== value) native.value = value;
  native.placeholder = String(data.placeholder ?? '');
  native.disabled = Boolean(data.disabled);
  const max = Number(data.maxlength);
  if (max >= 0) native.maxLength = max;
  else native.removeAttribute('maxlength');
  if (native instanceof HTMLInputElement) {
    const type = String(data.type);
    native.type = data.password || type === 'safe-password' ? 'password' : 'text';
    native.inputMode = type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : type === 'idcard' ? 'text' : '';
  }
  if (data.focus && document.activeElement !== native) native.focus();
}

const IMAGE_MODES: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'fill',
  heightFix: 'fill',
};

function applyImage(caller: Caller): void {
  const img = caller._exparserNode.$$.querySelector('img');
  if (!img) return;
  const src = String(caller.data.src ?? '');
  // absolute paths are files of the mini-program, which the preview serves under /app/mp/
  img.src = src.startsWith('/') && !src.startsWith('//') ? `/app/mp${src}` : src;
  const mode = String(caller.data.mode);
  img.style.objectFit = IMAGE_MODES[mode] ?? 'fill';
  caller._exparserNode.$$.dataset.mode = mode;
}

const image = {
  id: 'image',
  tagName: 'wx-image',
  template: '<slot/>',
  properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' } },
  observers: {
    'src, mode'(this: Caller) {
      applyImage(this);
    },
  },
  lifetimes: {
    attached(this: Caller) {
      const img = document.createElement('img');
      img.alt = '';
      img.addEventListener('load', () =>
        this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }),
      );
      img.addEventListener('error', () => this.triggerEvent('error', { errMsg: 'GET image error' }));
      this._exparserNode.$$.append(img);
      applyImage(this);
    },
  },
} as unknown as Definition;

const canvas = {
  id: 'canvas',
  tagName: 'wx-canvas',
  template: '<slot/>',
  properties: { type: { type: String, value: '' }, canvasId: { type: String, value: '' } },
  lifetimes: {
    attached(this: Caller) {
      const host = this._exparserNode.$$;
      const node = document.createElement('canvas');
      // like WeChat's Canvas node: the drawing buffer starts at the element's CSS size (times nothing)
      requestAnimationFrame(() => {
        const rect = host.getBoundingClientRect();
        if (!node.width || node.width === 300) node.width = Math.round(rect.width) || 300;
        if (!node.height || node.height === 150) node.height = Math.round(rect.height) || 150;
      });
      Object.assign(node, {
        createImage: () => new Image(),
        requestAnimationFrame: (callback: FrameRequestCallback) => window.requestAnimationFrame(callback),
        cancelAnimationFrame: (id: number) => window.cancelAnimationFrame(id),
      });
      host.append(node);
    },
  },
} as unknown as Definition;

/**
 * `button`: simulate's stub, plus the one open-type the app relies on: a tap on an agreePrivacyAuthorization button
 * is WeChat recording the agreement, then `agreeprivacyauthorization` for the page (privacy.ts holds the calls).
 */
const button = {
  id: 'button',
  tagName: 'wx-button',
  template: '<slot/>',
  properties: { openType: { type: String, value: '' } },
  lifetimes: {
    attached(this: Caller) {
      this._exparserNode.$$.addEventListener('touchend', () => {
        if (this.data.openType === 'agreePrivacyAuthorization') this.triggerEvent('agreeprivacyauthorization', {});
      });
    },
  },
} as unknown as Definition;

export function installBuiltins(): void {
  for (const definition of [field('input'), field('textarea'), image, canvas, button]) register(definition);
  patchSelectorQueryNodes();
}

/** j-component's SelectorQuery has no `fields({ node: true })`: add the canvas node for queries that ask. */
function patchSelectorQueryNodes(): void {
  const prototype = SelectorQuery.prototype;
  const exec = prototype.exec;
  prototype.exec = function patchedExec(this: SelectorQuery, callback?: (results: unknown[]) => void) {
    const queue = [...this._queue];
    const addNodes = (result: unknown, index: number) => {
      const item = queue[index];
      if (!item?.fields.node || item.exparserNode === 0 || !item.exparserNode.shadowRoot) return;
      const found = item.isSelectSingle
        ? [item.exparserNode.shadowRoot.querySelector(item.selector)]
        : item.exparserNode.shadowRoot.querySelectorAll(item.selector);
      const results = (item.isSelectSingle ? [result] : (result as unknown[])) as Array<Record<string, unknown> | null>;
      results.forEach((entry, i) => {
        if (entry) entry.node = found[i]?.$$?.querySelector('canvas') ?? found[i]?.$$ ?? null;
      });
    };
    this._queueCallback = this._queueCallback.map((original, index) => (result: unknown) => {
      addNodes(result, index);
      original?.(result);
    });
    exec.call(this, (results) => {
      results.forEach(addNodes);
      callback?.(results);
    });
  };
}
