import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import * as fc from 'fast-check';
import { base45Decode, base45Encode } from '../../server/platform/base45';
import { checkPass, CODE_LENGTH, keyByteOf, signPass, siteRefOf, type NewPass } from '../../server/passes/pass-codes';

// Pass codes (TX2): Ed25519-signed, short-lived, checked in security.md's order. Keys from PASS_SIGNING_KEYS.

const seed = () => randomBytes(32).toString('base64');
const keyA = `a:${seed()}`;
const keyB = `b:${seed()}`;
const at = new Date('2026-11-24T04:00:00Z');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const claims = (over: Partial<NewPass> = {}): NewPass => ({
  typ: 'resident',
  jti: 'f'.repeat(32),
  site: 'site-1',
  nbf: seconds(at),
  exp: seconds(at) + 600,
  ...over,
});

/** What any code this system did not sign gets: one answer, with no claims to tell it apart. */
const FORGED = { ok: false, code: 'PASS_INVALID', message: '无效的通行码' };

afterEach(() => {
  delete process.env.PASS_SIGNING_KEYS;
});

function withKeys(keys: string) {
  process.env.PASS_SIGNING_KEYS = keys;
}

test('a fresh code checks out with its claims', () => {
  withKeys(keyA);
  const code = signPass(claims());
  expect(checkPass(code, { site: 'site-1', now: at })).toEqual({
    ok: true,
    claims: {
      v: 2,
      kid: 'a',
      typ: 'resident',
      jti: 'f'.repeat(32),
      siteRef: siteRefOf('site-1'),
      nbf: seconds(at),
      exp: seconds(at) + 600,
    },
  });
});

test('rotation: codes signed with the old key still verify while it is listed; then they do not', () => {
  withKeys(keyA);
  const old = signPass(claims());
  withKeys(`${keyB},${keyA}`);
  const fresh = signPass(claims());
  expect(bytesOf(fresh)[1]).toBe(keyByteOf('b'));
  expect(checkPass(old, { site: 'site-1', now: at }).ok).toBe(true);
  withKeys(keyB);
  expect(checkPass(old, { site: 'site-1', now: at })).toEqual(FORGED);
  expect(checkPass(fresh, { site: 'site-1', now: at }).ok).toBe(true);
});

test('a code signed by a key with a known kid but another secret is refused', () => {
  withKeys(`a:${seed()}`);
  const forged = signPass(claims());
  withKeys(keyA);
  expect(checkPass(forged, { site: 'site-1', now: at })).toEqual(FORGED);
});

test.each([
  [
    'not yet valid beyond the skew',
    { nbf: seconds(at) + 61 },
    {
      ok: false,
      code: 'PASS_INVALID',
      message: '通行证尚未生效',
      claims: expect.objectContaining({ jti: 'f'.repeat(32) }),
    },
  ],
  ['not yet valid within the skew', { nbf: seconds(at) + 59 }, 'valid'],
  [
    'expired',
    { nbf: seconds(at) - 660, exp: seconds(at) - 60 },
    {
      ok: false,
      code: 'PASS_EXPIRED',
      message: '通行证已过期，请刷新后重新出示',
      claims: expect.objectContaining({ jti: 'f'.repeat(32) }),
    },
  ],
])('%s', (_label, over, expected) => {
  withKeys(keyA);
  const result = checkPass(signPass(claims(over)), { site: 'site-1', now: at });
  expect(result.ok ? 'valid' : result).toEqual(expected);
});

test('the wrong site or type is refused', () => {
  withKeys(keyA);
  expect(checkPass(signPass(claims()), { site: 'site-2', now: at })).toMatchObject({
    ok: false,
    code: 'PASS_INVALID',
    message: '该通行证不属于本小区',
  });
  expect(checkPass(signPass(claims()), { site: 'site-1', now: at, types: ['visitor'] })).toMatchObject({
    ok: false,
    code: 'PASS_INVALID',
    message: '该通行码不能在此使用',
  });
});

test('property: any change to a code, or any string at all, is refused and never throws', () => {
  withKeys(keyA);
  const code = signPass(claims());
  fc.assert(
    fc.property(fc.integer({ min: 0, max: code.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (i, c) => {
      fc.pre(code[i] !== c);
      const changed = code.slice(0, i) + c + code.slice(i + 1);
      expect(checkPass(changed, { site: 'site-1', now: at })).toEqual(FORGED);
    }),
  );
  fc.assert(
    fc.property(fc.anything(), (value) => expect(checkPass(value, { site: 'site-1', now: at })).toEqual(FORGED)),
  );
});

/** The bytes a code spells (payload, then signature). */
function bytesOf(code: string): Buffer {
  return Buffer.from(base45Decode(code.slice('TX2:'.length)) ?? []);
}

test('a code is 153 characters of the QR alphanumeric set, never starting or ending with a space', () => {
  withKeys(keyA);
  for (const typ of ['resident', 'special', 'visitor', 'exitSlip'] as const) {
    const code = signPass(claims({ typ, jti: randomBytes(16).toString('hex') }));
    expect(code).toHaveLength(CODE_LENGTH);
    expect(code).toMatch(/^TX2:[0-9A-Z $%*+\-./:]+[0-5]$/);
    expect(checkPass(code, { site: 'site-1', now: at })).toMatchObject({ ok: true, claims: { typ } });
  }
});

test('the payload is the documented layout: version, key byte, type, pass id, site reference, times', () => {
  withKeys(keyA);
  const jti = randomBytes(16).toString('hex');
  const bytes = bytesOf(signPass(claims({ typ: 'visitor', jti, nbf: 1_800_000_000, exp: 1_800_086_400 })));
  expect(bytes).toHaveLength(35 + 64);
  expect(bytes[0]).toBe(2);
  expect(bytes[1]).toBe(keyByteOf('a'));
  expect(bytes[2]).toBe(2);
  expect(bytes.toString('hex', 3, 19)).toBe(jti);
  expect(bytes.toString('hex', 19, 27)).toBe(siteRefOf('site-1'));
  expect(bytes.readUInt32BE(27)).toBe(1_800_000_000);
  expect(bytes.readUInt32BE(31)).toBe(1_800_086_400);
});

test('a re-signed payload of another layout version, type or time order is refused', () => {
  withKeys(keyA);
  const bytes = bytesOf(signPass(claims()));
  const seedA = Buffer.from(keyA.slice(2), 'base64');
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seedA]),
    format: 'der',
    type: 'pkcs8',
  });
  const resigned = (change: (payload: Buffer) => void) => {
    const payload = Buffer.from(bytes.subarray(0, 35));
    change(payload);
    return `TX2:${base45Encode(Buffer.concat([payload, sign(null, payload, privateKey)]))}`;
  };
  // the re-signing itself is sound: an unchanged payload checks out
  expect(
    checkPass(
      resigned(() => {}),
      { site: 'site-1', now: at },
    ).ok,
  ).toBe(true);
  expect(
    checkPass(
      resigned((p) => (p[0] = 1)),
      { site: 'site-1', now: at },
    ),
  ).toEqual(FORGED);
  expect(
    checkPass(
      resigned((p) => (p[2] = 4)),
      { site: 'site-1', now: at },
    ),
  ).toEqual(FORGED);
  expect(
    checkPass(
      resigned((p) => p.writeUInt32BE(p.readUInt32BE(27), 31)),
      { site: 'site-1', now: at },
    ),
  ).toEqual(FORGED);
});

test('an old TX1 code, a truncated or a padded code is refused', () => {
  withKeys(keyA);
  const code = signPass(claims());
  for (const text of [
    'TX1.eyJ2IjoxfQ.c2lnbmF0dXJl',
    code.slice(0, -1),
    code.slice(0, -3),
    `${code} `,
    `${code}000`,
    code.toLowerCase(),
    code.replace('TX2:', 'TX3:'),
  ]) {
    expect(checkPass(text, { site: 'site-1', now: at })).toEqual(FORGED);
  }
});

test('two signing keys whose names share a key byte are refused at once, not guessed between', () => {
  const names = Array.from({ length: 1000 }, (_v, i) => `k${i}`);
  const twin = names.find((name) => name !== 'k0' && keyByteOf(name) === keyByteOf('k0'));
  withKeys(`k0:${seed()},${twin}:${seed()}`);
  expect(() => signPass(claims())).toThrow(/shares its key byte/);
});

test('a non-canonical spelling of a valid code (same bytes, another text) is refused', () => {
  withKeys(keyA);
  const code = signPass(claims());
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  // a lenient Base45 decoder would read a triple 65536 too high as the same two bytes (mod 65536);
  // the first triple spells bytes 0–1 (version 2, key byte of 'a'), low enough to have such a twin
  const value = Array.from(code.slice(4, 7)).reduce((n, c, i) => n + alphabet.indexOf(c) * 45 ** i, 0);
  const over = value + 65536;
  expect(over).toBeLessThan(45 ** 3);
  const twin = alphabet[over % 45] + alphabet[Math.floor(over / 45) % 45] + alphabet[Math.floor(over / 2025)];
  expect(checkPass(`TX2:${twin}${code.slice(7)}`, { site: 'site-1', now: at })).toEqual(FORGED);
  // nor can the signature be spelled otherwise: Ed25519 refuses S + L (the group order) for S
  const bytes = bytesOf(code);
  const order = 2n ** 252n + 27742317777372353535851937790883648493n;
  const s = BigInt(
    `0x${Buffer.from(bytes.subarray(35 + 32))
      .reverse()
      .toString('hex')}`,
  );
  const malleated = Buffer.from((s + order).toString(16).padStart(64, '0'), 'hex').reverse();
  const variant = Buffer.concat([bytes.subarray(0, 35 + 32), malleated]);
  expect(checkPass(`TX2:${base45Encode(variant)}`, { site: 'site-1', now: at })).toEqual(FORGED);
});
