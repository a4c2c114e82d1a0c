/**
 * The phone's Canvas 2D, as far as pages draw on it: a `<canvas type="2d">`'s node, reached as in WeChat with a
 * selector query's `fields({ node: true, size: true })`, whose 2D context paints `fillRect` into an RGBA buffer.
 * A test then reads what was drawn — a QR code decoded with jsqr — not what the page meant to draw.
 *
 * miniprogram-simulate's queries know no canvas node, and jsdom does no layout: the node comes from here, and the
 * size is the element's CSS size (rpx is px 1:1 in simulate), so give a canvas a fixed width and height in WXSS.
 */
import jsQR, { type QRCode } from 'jsqr';
import type { PageDriver } from './page-driver';

type Rgba = [number, number, number, number];

/** Colours as pages write them: `#rgb`, `#rrggbb`, `rgb()`/`rgba()`, white, black, transparent. */
function parseColor(style: string): Rgba {
  const text = style.trim().toLowerCase();
  const named: Record<string, Rgba> = { white: [255, 255, 255, 255], black: [0, 0, 0, 255], transparent: [0, 0, 0, 0] };
  if (named[text]) return named[text];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (short) return [...short.slice(1, 4).map((digit) => parseInt(digit + digit, 16)), 255] as Rgba;
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(text);
  if (long) return [...long.slice(1, 4).map((pair) => parseInt(pair, 16)), 255] as Rgba;
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Math.round(Number(rgb[4] ?? 1) * 255)];
  throw new Error(`the Canvas 2D stand-in does not know the colour ${JSON.stringify(style)}`);
}

/** A canvas node: `width`/`height` are its pixel size (setting either clears it, as on a real canvas). */
export class CanvasStandIn {
  private size = { width: 300, height: 150 };
  pixels = new Uint8ClampedArray(300 * 150 * 4);
  /** fillRect calls since the last resize */
  fills = 0;
  private readonly context = recordingContext(this);

  get width(): number {
    return this.size.width;
  }

  set width(value: number) {
    this.resize(value, this.size.height);
  }

  get height(): number {
    return this.size.height;
  }

  set height(value: number) {
    this.resize(this.size.width, value);
  }

  getContext(type: string): object {
    if (type !== '2d') throw new Error(`the canvas stand-in has only the 2d context, not ${type}`);
    return this.context;
  }

  /** What the QR code drawn on it says, or undefined when nothing readable is drawn. */
  decodeQr(): string | undefined {
    return this.readQr()?.data;
  }

  /** The QR code drawn on it as a reader sees it: its text, version and segments (modes), or undefined. */
  readQr(): QRCode | undefined {
    if (this.fills === 0) return undefined;
    return jsQR(this.pixels, this.size.width, this.size.height) ?? undefined;
  }

  /** Paints a rectangle in canvas pixels: the pixels whose centres it covers. */
  paint(x: number, y: number, width: number, height: number, color: Rgba): void {
    const left = Math.max(0, Math.round(Math.min(x, x + width)));
    const right = Math.min(this.size.width, Math.round(Math.max(x, x + width)));
    const top = Math.max(0, Math.round(Math.min(y, y + height)));
    const bottom = Math.min(this.size.height, Math.round(Math.max(y, y + height)));
    for (let row = top; row < bottom; row += 1) {
      for (let col = left; col < right; col += 1) this.pixels.set(color, (row * this.size.width + col) * 4);
    }
    this.fills += 1;
  }

  private resize(width: number, height: number): void {
    this.size = { width: Math.max(0, Math.floor(width)), height: Math.max(0, Math.floor(height)) };
    this.pixels = new Uint8ClampedArray(this.size.width * this.size.height * 4);
    this.fills = 0;
  }
}

/**
 * The 2D context: fillStyle, fillRect, clearRect, and scale/translate/setTransform for pages that draw in CSS
 * pixels. Anything else throws, naming what to add, rather than silently drawing nothing.
 */
function recordingContext(canvas: CanvasStandIn): object {
  let transform = { scaleX: 1, scaleY: 1, dx: 0, dy: 0 };
  const context = {
    fillStyle: '#000000' as unknown,
    fillRect(x: number, y: number, width: number, height: number) {
      const { scaleX, scaleY, dx, dy } = transform;
      canvas.paint(
        x * scaleX + dx,
        y * scaleY + dy,
        width * scaleX,
        height * scaleY,
        parseColor(String(this.fillStyle)),
      );
    },
    clearRect(x: number, y: number, width: number, height: number) {
      const { scaleX, scaleY, dx, dy } = transform;
      canvas.paint(x * scaleX + dx, y * scaleY + dy, width * scaleX, height * scaleY, [0, 0, 0, 0]);
    },
    scale(x: number, y: number) {
      transform = { ...transform, scaleX: transform.scaleX * x, scaleY: transform.scaleY * y };
    },
    translate(x: number, y: number) {
      transform = { ...transform, dx: transform.dx + x * transform.scaleX, dy: transform.dy + y * transform.scaleY };
    },
    setTransform(a: number, b: number, c: number, d: number, e: number, f: number) {
      if (b !== 0 || c !== 0) throw new Error('the Canvas 2D stand-in does not rotate or skew');
      transform = { scaleX: a, scaleY: d, dx: e, dy: f };
    },
    resetTransform() {
      transform = { scaleX: 1, scaleY: 1, dx: 0, dy: 0 };
    },
  };
  return new Proxy(context, {
    get(target, property, receiver) {
      if (typeof property === 'symbol' || property in target) return Reflect.get(target, property, receiver);
      throw new Error(`the Canvas 2D stand-in has no ${property}: add it to test/pages/support/canvas.ts`);
    },
  });
}

/** An exparser node as j-component keeps it: its DOM element is `$$`. */
interface ExparserNode {
  $$: Element;
  shadowRoot: { querySelector(selector: string): ExparserNode | null };
}

interface NodeFields {
  node?: boolean;
  size?: boolean;
  [field: string]: unknown;
}

interface NodesRef {
  fields(fields: NodeFields, callback?: (result: Record<string, unknown> | null) => void): unknown;
}

interface SelectorQuery {
  select(selector: string): NodesRef;
}

/** Each canvas element keeps its node while it is rendered, as in WeChat; a re-rendered element gets a new one. */
const canvases = new WeakMap<Element, CanvasStandIn>();

function canvasOfElement(element: Element): CanvasStandIn {
  // simulate keeps no `type` attribute on a built-in tag: any canvas here is taken for a `type="2d"` one
  const tag = element.tagName.toLowerCase();
  if (tag !== 'wx-canvas')
    throw new Error(`fields({ node: true }) reached a <${tag}>: only a <canvas> has a node here`);
  let canvas = canvases.get(element);
  if (!canvas) {
    canvas = new CanvasStandIn();
    canvases.set(element, canvas);
  }
  return canvas;
}

function px(value: string | undefined): number {
  return value && /^[\d.]+px$/.test(value) ? parseFloat(value) : NaN;
}

/** The element's CSS size in px, as the phone's layout would report it. */
function layoutSize(element: Element): { width: number; height: number } {
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  const width = px(style?.width);
  const height = px(style?.height);
  if (!Number.isFinite(width) || !Number.isFinite(height)) {
    throw new Error(
      `<${element.tagName.toLowerCase()}> has no fixed CSS width and height: the stand-in cannot lay it out`,
    );
  }
  return { width, height };
}

function rootNode(page: PageDriver): ExparserNode {
  return (page.instance as { _exparserNode: ExparserNode })._exparserNode;
}

/**
 * Makes the page's `this.createSelectorQuery()` answer `node` (a canvas stand-in) and `size` (the CSS size) for
 * canvases; everything else is simulate's own answer.
 */
export function installCanvasNodes(page: PageDriver): void {
  const instance = page.instance as { createSelectorQuery(): SelectorQuery };
  const original = instance.createSelectorQuery.bind(instance);
  instance.createSelectorQuery = () => {
    const query = original();
    const select = query.select.bind(query);
    query.select = (selector: string) => {
      const ref = select(selector);
      const fields = ref.fields.bind(ref);
      ref.fields = (wanted, callback) =>
        fields(wanted, (result) => {
          const element = rootNode(page).shadowRoot.querySelector(selector)?.$$;
          if (result && element && (wanted.node || wanted.size)) {
            if (wanted.node) result.node = canvasOfElement(element);
            if (wanted.size) Object.assign(result, layoutSize(element));
          }
          callback?.(result);
        });
      return ref;
    };
    return query;
  };
}

/** The canvas node of the element `selector` reaches on the page, once the page has asked for it. */
export function canvasOn(page: PageDriver, selector: string): CanvasStandIn | undefined {
  const element = rootNode(page).shadowRoot.querySelector(selector)?.$$;
  return element ? canvases.get(element) : undefined;
}
