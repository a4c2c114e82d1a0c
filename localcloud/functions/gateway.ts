import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { HttpError, isPlainObject, readBody } from '../http-util';
import { invocationHeaders, sendGatewayError, sendInvokeFailure } from './errors';
import { EVENT_LIMIT_BYTES, type CallerIdentity, type FunctionRunner } from './runner';

/**
 * `POST /fn/<name>`: what `wx.cloud.callFunction({name, data})` does from a phone. The body is `data` (the
 * event); the caller is whoever the `X-WX-OPENID` header names (none: an anonymous call, no OPENID at all),
 * calling from `X-WX-CLIENTIP` (default 127.0.0.1).
 * Anything identity-like inside the event stays plain data: only the headers set `getWXContext()`.
 */
export async function handleFnRoute(
  runner: FunctionRunner,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const name = decodeName(url.pathname.slice('/fn/'.length));
    const identity = gatewayIdentity(req);
    const event = parseEvent(await readBody(req, EVENT_LIMIT_BYTES));
    const result = await runner.invoke(name, event, identity);
    if (!result.ok) {
      sendInvokeFailure(res, result);
      return;
    }
    const body = Buffer.from(result.resultJson);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      ...invocationHeaders(result),
    });
    res.end(body);
  } catch (error) {
    sendGatewayError(res, error);
  }
}

/** A mini-program user's identity from the simulated-caller headers. */
export function gatewayIdentity(req: IncomingMessage): CallerIdentity {
  const openid = header(req, 'x-wx-openid');
  return {
    openid,
    // a phone's call always carries the mini-program's AppID; an anonymous call carries only what it says
    appid: header(req, 'x-wx-appid') ?? (openid ? DEV_APPID : undefined),
    unionid: header(req, 'x-wx-unionid'),
    clientIp: clientIp(req),
    // a dev convenience (e.g. `wx_trigger` to run a timer function by hand); the phone's source by default
    source: header(req, 'x-wx-source') ?? 'wx_client',
  };
}

/**
 * The phone's address as the platform reports it (`CLIENTIP`): `X-WX-CLIENTIP` when given, so tests and the
 * preview can be callers on different networks (per-IP limits); else the gateway's own caller, 127.0.0.1.
 */
function clientIp(req: IncomingMessage): string {
  const given = header(req, 'x-wx-clientip');
  if (given === undefined) return '127.0.0.1';
  if (!isIP(given)) throw new HttpError(400, 'INVALID_HEADER', 'x-wx-clientip must be an IPv4 or IPv6 address');
  return given;
}

/** The AppID localcloud's simulated mini-program has when the caller names none. */
export const DEV_APPID = 'wx0000000000000000';

function header(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  if (value.length > 128 || /[\s,;]/.test(value)) {
    throw new HttpError(400, 'INVALID_HEADER', `${name} must be one token of at most 128 characters`);
  }
  return value;
}

export function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\/+$/, ''));
  } catch {
    throw new HttpError(400, 'INVALID_FUNCTION_NAME', 'function name is not valid URL encoding');
  }
}

function parseEvent(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'request body is not valid JSON');
  }
  // wx.cloud.callFunction's `data` is an object; the SDK refuses anything else, so do we
  if (!isPlainObject(event)) throw new HttpError(400, 'INVALID_EVENT', 'the event must be a JSON object');
  return event;
}
