/**
 * Base45 (RFC 9285): bytes as text in the 45 characters of a QR code's alphanumeric mode, which packs
 * 2 characters into 11 bits — 3 characters carry 2 bytes, so binary costs ~8.25 bits a byte in the QR,
 * not the 8 × 4/3 of base64 in byte mode. Pass codes use it (pass-codes.ts).
 *
 * Decoding is strict: a character outside the alphabet, a group that overflows (a triple above 65535,
 * a final pair above 255) or a length that leaves one character over is refused. With those refusals
 * every byte string has exactly one spelling, which single-use codes rely on.
 */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUE_OF = new Map([...BASE45_ALPHABET].map((char, value) => [char, value]));

export function base45Encode(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = bytes[i] * 256 + bytes[i + 1];
    text += BASE45_ALPHABET[n % 45] + BASE45_ALPHABET[Math.floor(n / 45) % 45] + BASE45_ALPHABET[Math.floor(n / 2025)];
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1];
    text += BASE45_ALPHABET[n % 45] + BASE45_ALPHABET[Math.floor(n / 45)];
  }
  return text;
}

/** The bytes `text` spells, or undefined when it is not Base45 as RFC 9285 writes it. */
export function base45Decode(text: string): Uint8Array | undefined {
  if (text.length % 3 === 1) return undefined;
  const values: number[] = [];
  for (const char of text) {
    const value = VALUE_OF.get(char);
    if (value === undefined) return undefined;
    values.push(value);
  }
  const bytes = new Uint8Array(Math.floor(values.length / 3) * 2 + (values.length % 3 === 2 ? 1 : 0));
  let out = 0;
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025;
      if (n > 0xffff) return undefined;
      bytes[out++] = n >> 8;
      bytes[out++] = n & 0xff;
    } else {
      const n = values[i] + values[i + 1] * 45;
      if (n > 0xff) return undefined;
      bytes[out++] = n;
    }
  }
  return bytes;
}
