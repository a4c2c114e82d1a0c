import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { PassType } from '../../miniprogram/core/api/gate';
import type { ErrorCode } from '../../miniprogram/core/errors';
import { SHANGHAI_OFFSET_MS } from '../../miniprogram/core/time';
import { base45Decode, base45Encode } from '../platform/base45';
import { secret } from '../platform/secrets';

/**
 * Pass codes (what a QR carries): `TX2:` + Base45(payload ‖ Ed25519 signature of the payload), 153
 * characters all in the QR's alphanumeric mode, so the QR is version 6 (41 × 41 modules) at error
 * correction M. Ed25519 so a door device can hold only public keys.
 *
 * The payload, 35 bytes, fixed layout, integers big-endian (docs/api.md shows it too):
 *
 *   0      layout version, 2 (the `TX2` a reader sees, inside the signature)
 *   1      key byte: the first byte of SHA-256(kid) — names which key signed, so keys rotate with
 *          two live at once; two listed keys may not share one
 *   2      pass type: 0 resident, 1 special, 2 visitor, 3 exitSlip
 *   3–18   pass id (`jti`), 16 random bytes: also the id of its issue and release records
 *   19–26  site reference: the first 8 bytes of SHA-256(site id), enough for a device that knows
 *          its own site id to refuse another site's code offline
 *   27–30  not before, seconds since the epoch (uint32)
 *   31–34  expires, seconds since the epoch (uint32)
 *
 * Holder and house are not in the code: ids are free text (the demo's `user-zhangwei`, random 32-hex
 * ones in production) and would double the QR. The gate looks them up by pass id in the pass's
 * issue record (context.ts), in the same database call as before.
 *
 * One spelling per code: the prefix, the exact length, strict Base45 (base45.ts) and Ed25519's own
 * refusal of a non-canonical signature leave no second text for the same pass. The code never
 * starts or ends with a space (Base45's space could otherwise be lost to a trim): it starts with
 * `TX2:`, and the last of 99 bytes is spelled as a pair whose second character is 0–5.
 *
 * Keys come from the function's environment: `PASS_SIGNING_KEYS` = `kid:base64seed,kid:base64seed`
 * (32-byte Ed25519 seeds), the first signs and all verify. Under localcloud a development key is
 * derived. docs/deploy.md says how to make and rotate them.
 */
export interface PassClaims {
  v: 2;
  /** the name of the key that signed, as PASS_SIGNING_KEYS lists it */
  kid: string;
  typ: PassType;
  /** 32 hex characters */
  jti: string;
  /** 16 hex characters: see `siteRef` */
  siteRef: string;
  /** seconds since the epoch */
  nbf: number;
  exp: number;
}

/** What the issuer says of a new pass; the site by its id, which the code carries as a reference. */
export interface NewPass {
  typ: PassType;
  jti: string;
  site: string;
  nbf: number;
  exp: number;
}

/** A TX2 code is exactly this long; a longer input is refused before it is read. */
export const CODE_LENGTH = 153;
/** what request validators let through: a little over a code, so near misses are refused (and recorded) as passes */
export const MAX_CODE_LENGTH = 200;
/** clock difference tolerated between the issuing function and the checking one */
export const CLOCK_SKEW_S = 60;
const PREFIX = 'TX2:';
const LAYOUT_VERSION = 2;
const PAYLOAD_BYTES = 35;
const SIGNATURE_BYTES = 64;
const PASS_TYPES: readonly PassType[] = ['resident', 'special', 'visitor', 'exitSlip'];

interface SigningKey {
  kid: string;
  /** what a code carries to name the key */
  keyByte: number;
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
    return { kid, keyByte: keyByteOf(kid), privateKey, publicKey: createPublicKey(privateKey) };
  });
  // a code names its key in one byte: two live keys on one byte could not be told apart
  const clash = keys.find((key, i) => keys.findIndex((other) => other.keyByte === key.keyByte) !== i);
  if (clash) throw new Error(`PASS_SIGNING_KEYS: key ${clash.kid} shares its key byte with another key; rename one`);
  cachedKeys = { source, keys };
  return keys;
}

/** The byte a code names its key by (a device derives it from the same name). */
export function keyByteOf(kid: string): number {
  return createHash('sha256').update(kid).digest()[0];
}

/** The site reference a code carries: 16 hex characters. */
export function siteRefOf(siteId: string): string {
  return createHash('sha256').update(siteId).digest().subarray(0, 8).toString('hex');
}

/** A new pass id: 128 random bits, also the id of its issue and release records. */
export function newPassId(): string {
  return randomBytes(16).toString('hex');
}

const isPassId = (jti: string) => /^[0-9a-f]{32}$/.test(jti);
const isSeconds = (t: number) => Number.isInteger(t) && t >= 0 && t <= 0xffffffff;

export function signPass(pass: NewPass): string {
  const [key] = signingKeys();
  // the issuer's own values: a wrong one is a bug here, not bad input
  if (!isPassId(pass.jti) || !isSeconds(pass.nbf) || !isSeconds(pass.exp) || pass.exp <= pass.nbf) {
    throw new Error('signPass: jti is 32 hex characters, nbf < exp are uint32 seconds');
  }
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload[0] = LAYOUT_VERSION;
  payload[1] = key.keyByte;
  payload[2] = PASS_TYPES.indexOf(pass.typ);
  payload.write(pass.jti, 3, 'hex');
  payload.write(siteRefOf(pass.site), 19, 'hex');
  payload.writeUInt32BE(pass.nbf, 27);
  payload.writeUInt32BE(pass.exp, 31);
  const signature = sign(null, payload, key.privateKey);
  return PREFIX + base45Encode(Buffer.concat([payload, signature]));
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
 * The claims of a code this system signed, or undefined for anything else (another length,
 * unreadable, unknown key, bad signature, an old TX1 code). Says nothing about where or when the
 * code may be used.
 */
export function genuineClaims(code: unknown): PassClaims | undefined {
  if (typeof code !== 'string' || code.length !== CODE_LENGTH || !code.startsWith(PREFIX)) return undefined;
  const bytes = base45Decode(code.slice(PREFIX.length));
  if (bytes?.length !== PAYLOAD_BYTES + SIGNATURE_BYTES) return undefined;
  const payload = Buffer.from(bytes.subarray(0, PAYLOAD_BYTES));
  const key = signingKeys().find((k) => k.keyByte === payload[1]);
  const claims = key && parseClaims(payload, key.kid);
  if (!key || !claims || !verify(null, payload, key.publicKey, bytes.subarray(PAYLOAD_BYTES))) return undefined;
  return claims;
}

/** Type, site and time of a genuine code's claims; a refusal keeps the claims for its record. */
export function checkClaims(claims: PassClaims, expect: PassExpectation): PassCheck {
  const refused = (code: ErrorCode, message: string): PassCheck => ({ ok: false, code, message, claims });
  if (expect.types && !expect.types.includes(claims.typ)) return refused('PASS_INVALID', '该通行码不能在此使用');
  if (claims.siteRef !== siteRefOf(expect.site)) {
    // a 专用通行证 serves only its organisation's communities (P6): say so at any other
    return refused('PASS_INVALID', claims.typ === 'special' ? '该专用通行证不能在本小区使用' : '该通行证不属于本小区');
  }
  const now = Math.floor(expect.now.getTime() / 1000);
  // a visitor pass lives exactly inside its visit: say when, since refreshing it changes nothing
  const visitor = claims.typ === 'visitor';
  // so does an exit slip inside its day: the refusal names the day
  const slipDay = claims.typ === 'exitSlip' ? shanghaiDay(claims.nbf) : undefined;
  if (now + CLOCK_SKEW_S < claims.nbf) {
    return refused(
      'PASS_INVALID',
      slipDay
        ? `出门条尚未生效，仅限${slipDay}当天使用`
        : visitor
          ? `访客通行证尚未生效，${shanghaiMinute(claims.nbf)}起可用`
          : '通行证尚未生效',
    );
  }
  if (now - CLOCK_SKEW_S >= claims.exp) {
    return refused(
      'PASS_EXPIRED',
      slipDay
        ? `出门条已过期，仅限${slipDay}当天使用`
        : visitor
          ? '访客通行证已过期，来访时间已结束'
          : '通行证已过期，请刷新后重新出示',
    );
  }
  return { ok: true, claims };
}

/** `12-03 14:00`: an instant in Asia/Shanghai, as a refusal at the gate says it */
function shanghaiMinute(seconds: number): string {
  return new Date(seconds * 1000 + SHANGHAI_OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');
}

/** `12月5日`: the Asia/Shanghai day an instant falls on */
function shanghaiDay(seconds: number): string {
  const local = new Date(seconds * 1000 + SHANGHAI_OFFSET_MS);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

function invalid(): PassCheck {
  return { ok: false, code: 'PASS_INVALID', message: '无效的通行码' };
}

/** The payload's fields (layout above), or undefined for a layout this system does not write. */
function parseClaims(payload: Buffer, kid: string): PassClaims | undefined {
  if (payload[0] !== LAYOUT_VERSION) return undefined;
  const typ = PASS_TYPES[payload[2]];
  const nbf = payload.readUInt32BE(27);
  const exp = payload.readUInt32BE(31);
  if (!typ || exp <= nbf) return undefined;
  return {
    v: 2,
    kid,
    typ,
    jti: payload.toString('hex', 3, 19),
    siteRef: payload.toString('hex', 19, 27),
    nbf,
    exp,
  };
}
