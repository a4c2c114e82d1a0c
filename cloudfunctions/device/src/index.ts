import { TEMPERATURE_RANGE } from '../../../miniprogram/core/api/gate';
import { decimal, optional, string, object } from '../../../miniprogram/core/validate';
import { now } from '../../../server/clock';
import { checkDeviceRequest, useNonce, type SignedRequest } from '../../../server/devices';
import { AppError } from '../../../server/errors';
import { takeMinuteAllowance } from '../../../server/rate-limit';
import { checkPass, MAX_CODE_LENGTH } from '../../../server/passes/codes';
import { loadDevicePass } from '../../../server/passes/context';
import { releasePass } from '../../../server/passes/release';
import { AccessRecords } from '../../../server/records';

/**
 * 门禁二维码 (P5): the HTTP API QR door devices call to verify and consume a pass in one request
 * (`POST /device/verify`, docs/devices.md). Signed per device; answers `open` or `refuse` with
 * the reason, as JSON. Reached through the platform's HTTP access service, not from the
 * mini-program, so it reads its caller from signed headers instead of getWXContext.
 */
interface HttpEvent {
  path?: unknown;
  httpMethod?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: unknown;
}

interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const BODY_LIMIT = 4096;
const DEVICE_REQUESTS_PER_MINUTE = 60;
const requestBody = object({
  code: string({ label: '通行码', max: MAX_CODE_LENGTH }),
  temperature: optional(
    decimal({ label: '体温', min: TEMPERATURE_RANGE.min, max: TEMPERATURE_RANGE.max, decimals: 1 }),
  ),
});

export async function main(event: HttpEvent): Promise<HttpReply> {
  try {
    return await verify(event);
  } catch (error) {
    console.error('[device] unexpected error', error);
    return reply(500, { result: 'error', message: '系统繁忙，请稍后再试' });
  }
}

async function verify(event: HttpEvent): Promise<HttpReply> {
  if (event.httpMethod !== 'POST' || typeof event.path !== 'string' || !event.path.endsWith('/verify')) {
    return reply(404, { result: 'error', message: 'POST /device/verify' });
  }
  const headers = lowerCased(event.headers);
  const body = bodyText(event);
  if (body === undefined) return reply(413, { result: 'error', message: 'body too large' });
  const signed: SignedRequest = {
    method: 'POST',
    path: event.path,
    timestamp: headers['x-timestamp'] ?? '',
    nonce: headers['x-nonce'] ?? '',
    signature: headers['x-signature'] ?? '',
    body,
  };
  const deviceId = headers['x-device-id'] ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(deviceId) || !/^[A-Za-z0-9_-]{16,64}$/.test(signed.nonce)) {
    return reply(401, { result: 'error', message: 'missing or malformed X-Device-Id / X-Nonce' });
  }
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(body);
  } catch {
    return reply(400, { result: 'error', message: 'body is not JSON' });
  }
  const input = requestBody.parse(parsedJson);
  if (!input.ok) return reply(400, { result: 'error', message: input.issues[0].message });

  const at = now();
  // the pass's own signature first: a forged code costs no database call
  const claims = peekClaims(input.value.code, at);
  if (!claims.ok) return refuse(claims.code, claims.message);
  const { device, pass } = await loadDevicePass(deviceId, claims.claims, at);
  const trusted = checkDeviceRequest(device, signed, at);
  if (!trusted.ok || !device)
    return reply(401, { result: 'error', message: trusted.ok ? 'unknown device' : trusted.reason });
  if (!(await useNonce(device._id, signed.nonce, at))) {
    return reply(401, { result: 'error', message: 'nonce already used' });
  }
  // a device scans people one at a time: more than this a minute is a fault or an attack
  if (!(await takeMinuteAllowance('device', device._id, DEVICE_REQUESTS_PER_MINUTE, at))) {
    return reply(429, { result: 'error', message: 'too many requests' });
  }
  if (device.siteId !== claims.claims.site) return refuse('PASS_INVALID', '该通行证不属于本小区');
  // P5: devices release only where the site chose 门禁二维码; by default guards release
  if (pass.site?.releaseMode !== 'device') return refuse('FORBIDDEN', '本小区未开通门禁二维码放行，请到门岗扫码');

  try {
    const record = await releasePass(pass, {
      now: at,
      actor: { kind: 'device', id: device._id, name: device.name },
      gate: device.gate,
      temperature: input.value.temperature,
      requestId: `${device._id}-${signed.nonce}`,
    });
    return reply(200, {
      result: 'open',
      holder: { name: record.holderName, house: record.house },
      at: at.toISOString(),
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
    await new AccessRecords().add({
      siteId: device.siteId,
      at,
      kind: 'refusal',
      result: 'refused',
      reason: error.code,
      message: error.message,
      passId: claims.claims.jti,
      passType: claims.claims.typ,
      userId: claims.claims.sub,
      gate: device.gate,
      direction: 'out',
      actor: { kind: 'device', id: device._id, name: device.name },
    });
    return refuse(error.code, error.message);
  }
}

/** Checks the pass code against its own claimed site; the device's site is compared once the device is known. */
function peekClaims(code: string, at: Date) {
  const site = siteClaimed(code);
  return site
    ? checkPass(code, { site, now: at })
    : ({ ok: false, code: 'PASS_INVALID', message: '无效的通行码' } as const);
}

function siteClaimed(code: string): string | undefined {
  try {
    const site = (JSON.parse(Buffer.from(code.split('.')[1] ?? '', 'base64url').toString('utf8')) as { site?: unknown })
      .site;
    return typeof site === 'string' ? site : undefined;
  } catch {
    return undefined;
  }
}

function refuse(code: string, message: string): HttpReply {
  return reply(200, { result: 'refuse', code, message });
}

function reply(statusCode: number, body: object): HttpReply {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function lowerCased(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {}))
    if (typeof value === 'string') out[key.toLowerCase()] = value;
  return out;
}

function bodyText(event: HttpEvent): string | undefined {
  const raw = typeof event.body === 'string' ? event.body : '';
  const text = event.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return Buffer.byteLength(text) > BODY_LIMIT ? undefined : text;
}
