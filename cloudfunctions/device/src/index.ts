import { temperature } from '../../../miniprogram/core/gate-rules';
import { optional, string, object } from '../../../miniprogram/core/validate';
import { now } from '../../../server/platform/clock';
import { checkDeviceRequest, useNonce, type SignedRequest } from '../../../server/devices/qr-devices';
import { AppError } from '../../../server/platform/errors';
import { takeMinuteAllowance } from '../../../server/platform/rate-limit';
import { checkPass, genuineClaims, MAX_CODE_LENGTH } from '../../../server/passes/pass-codes';
import { loadDevicePass } from '../../../server/passes/context';
import { passFacts, passOrRefusal, releasePass } from '../../../server/passes/release';
import { recordingRefusals, type RecordFacts } from '../../../server/passes/access-records';

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
  temperature: optional(temperature),
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
  // Nothing is said about the code until the device has proven who it is: only then is the body
  // parsed for an answer. The code's own signature is checked beforehand (no database, no answer),
  // so that the device and the pass are still read in one database call.
  const json = parseJson(body);
  const code = isRecord(json) ? json.code : undefined;
  const claims = genuineClaims(code);
  const at = now();
  const { device, pass } = await loadDevicePass(deviceId, claims, at);
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
  if (json === undefined) return reply(400, { result: 'error', message: 'body is not JSON' });
  const input = requestBody.parse(json);
  if (!input.ok) return reply(400, { result: 'error', message: input.issues[0].message });

  const facts: RecordFacts = {
    siteId: device.siteId,
    at,
    actor: { kind: 'device', id: device._id, name: device.name },
    gate: device.gate,
    ...passFacts(claims, pass),
    requestId: `${device._id}-${signed.nonce}`,
  };
  try {
    const record = await recordingRefusals(
      facts,
      () => {
        const released = passOrRefusal(checkPass(input.value.code, { site: device.siteId, now: at }), pass);
        // P5: devices release only where the site chose 门禁二维码; by default guards release
        if (released.site?.releaseMode !== 'device') {
          throw new AppError('FORBIDDEN', '本小区未开通门禁二维码放行，请到门岗扫码');
        }
        return releasePass(released, { now: at, facts, temperature: input.value.temperature });
      },
      { code: claims ? undefined : input.value.code },
    );
    return reply(200, {
      result: 'open',
      holder: { name: record.holderName, house: record.house },
      at: at.toISOString(),
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
    return refuse(error.code, error.message);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
