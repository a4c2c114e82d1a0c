import { verifyAtDevice } from '../../../server/devices/verify';
import { deviceOperation, VERIFY_OPERATION, type SignedRequest } from '../../../server/devices/qr-devices';

/**
 * 门禁二维码 (P5): the HTTP API QR door devices call to verify and consume a pass in one request
 * (`POST /device/verify`, docs/devices.md). Signed per device; answers `open` or `refuse` with
 * the reason, as JSON. Reached through the platform's HTTP access service, not from the
 * mini-program, so it reads its caller from signed headers instead of getWXContext.
 * The route `/device` hands over `/verify` by default and `/device/verify` with 路径透传: both name the
 * operation `/verify`, which is what the device signed.
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

export async function main(event: HttpEvent): Promise<HttpReply> {
  try {
    return await verify(event);
  } catch (error) {
    console.error('[device] unexpected error', error);
    return reply(500, { result: 'error', message: '系统繁忙，请稍后再试' });
  }
}

async function verify(event: HttpEvent): Promise<HttpReply> {
  const operation = typeof event.path === 'string' ? deviceOperation(event.path) : undefined;
  if (event.httpMethod !== 'POST' || operation !== VERIFY_OPERATION) {
    return reply(404, { result: 'error', message: 'POST /device/verify' });
  }
  const headers = lowerCased(event.headers);
  const body = bodyText(event);
  if (body === undefined) return reply(413, { result: 'error', message: 'body too large' });
  const signed: SignedRequest = {
    method: 'POST',
    operation,
    timestamp: headers['x-timestamp'] ?? '',
    nonce: headers['x-nonce'] ?? '',
    signature: headers['x-signature'] ?? '',
    body,
  };
  const deviceId = headers['x-device-id'] ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(deviceId) || !/^[A-Za-z0-9_-]{16,64}$/.test(signed.nonce)) {
    return reply(401, { result: 'error', message: 'missing or malformed X-Device-Id / X-Nonce' });
  }
  const answer = await verifyAtDevice(deviceId, signed);
  return reply(answer.status, answer.body);
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
