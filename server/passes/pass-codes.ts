import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { PassType } from '../../miniprogram/core/api/gate';
import type { ErrorCode } from '../../miniprogram/core/errors';
import { secret } from '../platform/secrets';

/**
 * Pass codes (what a QR carries): `TX1.<base64url(payload)>.<base64url(Ed25519 signature)>`.
 * The payload names the pass (`jti`, 128-bit random), its holder (`sub`, an internal user id,
 * never an openid), site, house and validity in seconds. Ed25519 so a door device could hold only
 * public keys; `kid` names the key so keys rotate with two live at once.
 *
 * Keys come from the function's environment: `PASS_SIGNING_KEYS` = `kid:base64seed,kid:base64seed`
 * (32-byte Ed25519 seeds), the first signs and all verify. Under localcloud a development key is
 * derived. docs/deploy.md says how to make and rotate them.
 */
export interface PassClaims {
  v: 1;
  kid: string;
  typ: PassType;
  jti: string;
  sub: string;
  site: string;
  house?: string;
  /** seconds since the epoch */
  iat: number;
  nbf: number;
  exp: number;
}

export const MAX_CODE_LENGTH = 512;
/** clock difference tolerated between the issuing function and the checking one */
export const CLOCK_SKEW_S = 60;
const PREFIX = 'TX1';
const PASS_TYPES: readonly PassType[] = ['resident', 'special', 'visitor', 'exitSlip'];

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

let cachedKeys: { source: string; keys: SigningKey[] } | undefined;

function signingKeys(): SigningKey[] {
  const source =
    process.env.PASS_SIGNING_KEYS || `local:${Buffer.from(secret('PASS_SIGNING_SEED'), 'hex').toString('base64')}`;
  if (cachedKeys?.source === source) return cachedKeys.keys;
  const keys = source.split(',').map((entry) => {
    const [kid, seed] = entry.trim().split(':');
    const raw = Buffer.from(seed ?? '', 'base64');
    if (!kid || raw.length < 32) throw new Error('PASS_SIGNING_KEYS: each entry is kid:base64 of a 32-byte seed');
    // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410)
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw.subarray(0, 32)]);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return { kid, privateKey, publicKey: createPublicKey(privateKey) };
  });
  cachedKeys = { source, keys };
  return keys;
}

/** A new pass id: 128 random bits, also the id of its single-use record. */
export function newPassId(): string {
  return randomBytes(16).toString('hex');
}

export function signPass(claims: Omit<PassClaims, 'v' | 'kid'>): string {
  const [key] = signingKeys();
  const payload = Buffer.from(JSON.stringify({ v: 1, kid: key.kid, ...claims }));
  const body = `${PREFIX}.${payload.toString('base64url')}`;
  return `${body}.${sign(null, Buffer.from(body), key.privateKey).toString('base64url')}`;
}

/**
 * A refusal carries the claims once the signature checked out (a genuine code, refused for its
 * site, type or time), so the refusal's record can say whose pass it was; a forged code has none.
 */
export type PassCheck =
  { ok: true; claims: PassClaims } | { ok: false; code: ErrorCode; message: string; claims?: PassClaims };

/**
 * Checks a code in the order security.md gives: length → parse → kid → signature → type and site
 * → time (±60 s). What follows (revocation, house restriction, quota, single use) needs the
 * database and is the caller's.
 */
export function checkPass(code: unknown, expect: PassExpectation): PassCheck {
  const claims = genuineClaims(code);
  return claims ? checkClaims(claims, expect) : invalid();
}

export interface PassExpectation {
  site: string;
  now: Date;
  types?: readonly PassType[];
}

/**
 * The claims of a code this system signed, or undefined for anything else (too long, unreadable,
 * unknown key, bad signature). Says nothing about where or when the code may be used.
 */
export function genuineClaims(code: unknown): PassClaims | undefined {
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH) return undefined;
  const parts = code.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  const claims = parseClaims(parts[1]);
  if (!claims) return undefined;
  const key = signingKeys().find((k) => k.kid === claims.kid);
  if (!key) return undefined;
  // only the canonical encoding: a code has one spelling, so no variant of a used code looks new
  const signature = Buffer.from(parts[2], 'base64url');
  if (signature.toString('base64url') !== parts[2]) return undefined;
  if (!verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, signature)) return undefined;
  return claims;
}

/** Type, site and time of a genuine code's claims; a refusal keeps the claims for its record. */
export function checkClaims(claims: PassClaims, expect: PassExpectation): PassCheck {
  const refused = (code: ErrorCode, message: string): PassCheck => ({ ok: false, code, message, claims });
  if (expect.types && !expect.types.includes(claims.typ)) return refused('PASS_INVALID', '该通行码不能在此使用');
  if (claims.site !== expect.site) return refused('PASS_INVALID', '该通行证不属于本小区');
  const now = Math.floor(expect.now.getTime() / 1000);
  if (now + CLOCK_SKEW_S < claims.nbf) return refused('PASS_INVALID', '通行证尚未生效');
  if (now - CLOCK_SKEW_S >= claims.exp) return refused('PASS_EXPIRED', '通行证已过期，请刷新后重新出示');
  return { ok: true, claims };
}

function invalid(): PassCheck {
  return { ok: false, code: 'PASS_INVALID', message: '无效的通行码' };
}

const isText = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 64;
const isTime = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x > 0;

function parseClaims(encoded: string): PassClaims | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  const bytes = Buffer.from(encoded, 'base64url');
  if (bytes.toString('base64url') !== encoded) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  if (c.v !== 1 || !isText(c.kid) || !isText(c.jti) || !isText(c.sub) || !isText(c.site)) return undefined;
  if (!PASS_TYPES.includes(c.typ as PassType) || (c.house !== undefined && !isText(c.house))) return undefined;
  if (!isTime(c.iat) || !isTime(c.nbf) || !isTime(c.exp)) return undefined;
  return c as unknown as PassClaims;
}
