import * as fc from 'fast-check';
import { BASE45_ALPHABET, base45Decode, base45Encode } from '../../server/platform/base45';

// Base45 as RFC 9285 defines it: the RFC's own examples, and one spelling for every byte string.

const text = (s: string) => new TextEncoder().encode(s);

test.each([
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
  ['', ''],
])('RFC 9285: %j is spelled %j, and back', (plain, encoded) => {
  expect(base45Encode(text(plain))).toBe(encoded);
  expect(base45Decode(encoded)).toEqual(text(plain));
});

test('the edges of a group: 0x0000, 0xffff and a lone 0xff', () => {
  expect(base45Encode(Uint8Array.of(0, 0))).toBe('000');
  expect(base45Encode(Uint8Array.of(0xff, 0xff))).toBe('FGW');
  expect(base45Encode(Uint8Array.of(0xff))).toBe('U5');
  expect(base45Decode('FGW')).toEqual(Uint8Array.of(0xff, 0xff));
});

test.each([
  ['a triple above 65535 (GGW = 65536)', 'GGW'],
  ['the largest triple', ':::'],
  ['a final pair above 255 (V5 = 256)', 'V5'],
  ['one character over', 'BB8A'],
  ['a lone character', 'A'],
  ['lower case', 'bb8'],
  ['a character outside the alphabet', 'BB#'],
  ['a full-width letter', 'ＢB8'],
])('refuses %s', (_case, encoded) => {
  expect(base45Decode(encoded)).toBeUndefined();
});

test('property: any bytes go there and back, in characters of the alphabet only', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const encoded = base45Encode(bytes);
      expect([...encoded].every((c) => BASE45_ALPHABET.includes(c))).toBe(true);
      expect(base45Decode(encoded)).toEqual(bytes);
    }),
  );
});

test('property: a string that decodes is the one spelling of its bytes', () => {
  const alphabetText = fc.array(fc.constantFrom(...BASE45_ALPHABET), { maxLength: 30 }).map((chars) => chars.join(''));
  fc.assert(
    fc.property(fc.oneof(alphabetText, fc.string()), (candidate) => {
      const bytes = base45Decode(candidate);
      expect(bytes === undefined || base45Encode(bytes) === candidate).toBe(true);
    }),
  );
});
