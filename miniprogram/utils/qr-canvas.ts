/**
 * QR codes on a Canvas 2D node (`<canvas type="2d">`). weapp-qrcode 1.0.0 draws only through the old canvas API
 * (wx.createCanvasContext: setFillStyle, fillRect, draw), which WeChat has deprecated and which a 2D context does
 * not speak (`ctx.setFillStyle is not a function`): `oldCanvasApi` speaks the three calls it makes.
 */
// a CommonJS module (`module.exports = drawQrcode`): required as it is, with no default-export interop to rely on
import drawQrcode = require('weapp-qrcode');

/** What the QR needs of a Canvas 2D context. */
export interface FillContext {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
}

export interface QrCanvas {
  width: number;
  height: number;
  getContext(type: '2d'): FillContext;
}

export function oldCanvasApi(ctx: FillContext) {
  return {
    setFillStyle(style: string) {
      ctx.fillStyle = style;
    },
    fillRect(x: number, y: number, width: number, height: number) {
      ctx.fillRect(x, y, width, height);
    },
    // a 2D context paints at once: nothing waits to be flushed
    draw(_reserve?: boolean, callback?: () => void) {
      callback?.();
    },
  };
}

/** error correction M (15 %): a phone screen is clean, and fewer modules are bigger ones for the scanner */
const CORRECT_LEVEL_M = 0;
/** the quiet zone scanners need around the code, as a share of the side */
const MARGIN = 0.06;
const LIGHT = '#ffffff';
const DARK = '#000000';

/**
 * Draws `text` as a QR code filling a square canvas of `sidePx` device pixels (the canvas's CSS size times the
 * pixel ratio, so modules stay sharp), on white with a quiet zone. Resolves once drawn.
 */
export function drawQrCode(canvas: QrCanvas, text: string, sidePx: number): Promise<void> {
  const side = Math.max(1, Math.round(sidePx));
  // setting the size also clears what an earlier code left
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = LIGHT;
  ctx.fillRect(0, 0, side, side);
  const margin = Math.round(side * MARGIN);
  return new Promise((resolve) => {
    drawQrcode({
      ctx: oldCanvasApi(ctx),
      text,
      width: side - 2 * margin,
      height: side - 2 * margin,
      x: margin,
      y: margin,
      typeNumber: -1,
      correctLevel: CORRECT_LEVEL_M,
      background: LIGHT,
      foreground: DARK,
      callback: resolve,
    });
  });
}
