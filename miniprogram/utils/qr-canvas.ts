/** QR codes on a Canvas 2D node (`<canvas type="2d">`), drawn module by module (the modules: core/pass-qr.ts). */
import { qrModules } from '../core/pass-qr';

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

/** the quiet zone scanners need around the code, as a share of the side */
const MARGIN = 0.06;
const LIGHT = '#ffffff';
const DARK = '#000000';

/**
 * Draws `text` as a QR code filling a square canvas of `sidePx` device pixels (the canvas's CSS size times the
 * pixel ratio, so modules stay sharp), on white with a quiet zone. Each module is a whole number of pixels wide
 * where the side allows (at a pixel ratio of 1 a blurred module edge is what a reader misses); the rest of the
 * side goes to the quiet zone. Resolves once drawn.
 */
export async function drawQrCode(canvas: QrCanvas, text: string, sidePx: number): Promise<void> {
  const side = Math.max(1, Math.round(sidePx));
  const modules = qrModules(text);
  // setting the size also clears what an earlier code left
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = LIGHT;
  ctx.fillRect(0, 0, side, side);
  const inner = side - 2 * Math.round(side * MARGIN);
  const whole = Math.floor(inner / modules.count);
  const module = whole >= 1 ? whole : inner / modules.count;
  const offset = Math.round((side - module * modules.count) / 2);
  ctx.fillStyle = DARK;
  for (let row = 0; row < modules.count; row += 1) {
    for (let col = 0; col < modules.count; col += 1) {
      if (modules.isDark(row, col)) ctx.fillRect(offset + col * module, offset + row * module, module, module);
    }
  }
}
