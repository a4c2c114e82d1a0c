import { randomBytes } from 'node:crypto';
import * as fc from 'fast-check';
import { checkPass, signPass, type PassClaims } from '../../server/passes/pass-codes';

// Pass codes: Ed25519-signed, short-lived, checked in security.md's order. Keys from PASS_SIGNING_KEYS.

const seed = () => randomBytes(32).toString('base64');
const keyA = `a:${seed()}`;
const keyB = `b:${seed()}`;
const at = new Date('2026-11-24T04:00:00Z');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const claims = (over: Partial<Omit<PassClaims, 'v' | 'kid'>> = {}): Omit<PassClaims, 'v' | 'kid'> => ({
  typ: 'resident',
  jti: 'f'.repeat(32),
  sub: 'user-1',
  site: 'site-1',
  house: 'house-1',
  iat: seconds(at),
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
  expect(checkPass(code, { site: 'site-1', now: at })).toEqual({ ok: true, claims: { v: 1, kid: 'a', ...claims() } });
});

test('rotation: codes signed with the old key still verify while it is listed; then they do not', () => {
  withKeys(keyA);
  const old = signPass(claims());
  withKeys(`${keyB},${keyA}`);
  const fresh = signPass(claims());
  expect(JSON.parse(Buffer.from(fresh.split('.')[1], 'base64url').toString()).kid).toBe('b');
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
    { exp: seconds(at) - 60 },
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

test('a non-canonical spelling of a valid code (same bytes, other trailing bits) is refused', () => {
  withKeys(keyA);
  const code = signPass(claims());
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const signature = code.split('.')[2];
  const twin = [...alphabet]
    .map((c) => signature.slice(0, -1) + c)
    .find((s) => s !== signature && Buffer.from(s, 'base64url').equals(Buffer.from(signature, 'base64url')));
  expect(twin).toBeDefined();
  const variant = code.slice(0, code.length - signature.length) + twin;
  expect(checkPass(variant, { site: 'site-1', now: at })).toMatchObject({ ok: false, code: 'PASS_INVALID' });
});
