/**
 * QR codes on a Canvas 2D node (`<canvas type="2d">`), drawn module by module from qrcode-generator. A pass code
 * (`TX2:` + Base45) is all in the QR's alphanumeric set, and alphanumeric mode packs it in 5.5 bits a character
 * instead of byte mode's 8: its 153 characters fit version 6 (41 × 41 modules) at error correction M, where byte
 * mode needs version 9 (53 × 53). Fewer modules are bigger ones, which a cheap gate reader or a phone at an angle
 * still reads. (weapp-qrcode, used before, only knows byte mode.)
 */
// a UMD module (`module.exports = factory()`): required as it is, with no default-export interop to rely on
import qrcode = require('qrcode-generator');

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
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The QR modules for `text` at error correction M (15 %: a phone screen is clean), the smallest version that holds
 * it, in alphanumeric mode when every character allows it.
 */
export function qrModules(text: string): { count: number; isDark(row: number, col: number): boolean } {
  const code = qrcode(0, 'M');
  code.addData(text, ALPHANUMERIC.test(text) ? 'Alphanumeric' : 'Byte');
  code.make();
  return { count: code.getModuleCount(), isDark: (row, col) => code.isDark(row, col) };
}

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
