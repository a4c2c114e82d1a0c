/**
 * How a pass code becomes a QR, for the home page that draws it and the benchmark that reports its size. A pass
 * code (`TX2:` + Base45) is all in the QR's alphanumeric set, and alphanumeric mode packs it in 5.5 bits a
 * character instead of byte mode's 8: its 153 characters fit version 6 (41 × 41 modules) at error correction M,
 * where byte mode needs version 9 (53 × 53). Fewer modules are bigger ones, which a cheap gate reader or a phone at
 * an angle still reads. (weapp-qrcode, used before, only knows byte mode.)
 */
// a UMD module (`module.exports = factory()`): required as it is, with no default-export interop to rely on
import qrcode = require('qrcode-generator');

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
