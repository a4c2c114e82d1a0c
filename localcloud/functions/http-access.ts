import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalcloudCore } from '../core';
import { HttpError, isPlainObject, readBody } from '../http-util';
import { invocationHeaders, sendGatewayError, sendInvokeFailure } from './errors';
import { decodeName } from './gateway';
import { EVENT_LIMIT_BYTES, type FunctionRunner } from './runner';

/** How `/http/<name>/...` hands its path to the function, as the route's 路径透传 switch does on the platform. */
export interface HttpAccessOptions {
  /**
   * false (the platform's default): the route `/<name>` is stripped, `/http/<name>/<rest>` gives `/<rest>` and
   * `/http/<name>` gives `/`; true (路径透传 on): the full path `/<name>/<rest>`.
   */
  pathPassthrough: boolean;
}

/**
 * `/http/<name>/<rest>`: CloudBase's HTTP access service, as if `<name>` were bound to the route `/<name>` on the
 * service domain. Routes match by prefix. The request becomes the documented "integration request" event (path,
 * httpMethod, headers, multiValueHeaders, queryStringParameters, requestContext, body, isBase64Encoded); `path` is
 * what the route hands over (see HttpAccessOptions). The return value becomes the response: an "integration
 * response" `{statusCode, headers, body, isBase64Encoded}` as given, a string or number as text/plain, anything
 * else as JSON.
 */
export async function handleHttpAccess(
  runner: FunctionRunner,
  core: LocalcloudCore,
  options: HttpAccessOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const fullPath = url.pathname.slice('/http'.length);
    const route = fullPath.split('/')[1] ?? '';
    const name = decodeName(route);
    if (!name) throw new HttpError(404, 'NOT_FOUND', 'no function named in the path');
    const path = options.pathPassthrough ? fullPath : fullPath.slice(route.length + 1) || '/';
    const raw = await readBody(req, EVENT_LIMIT_BYTES);
    const binary = raw.length > 0 && !isTextual(String(req.headers['content-type'] ?? ''));
    const event = {
      path,
      httpMethod: req.method ?? 'GET',
      headers: singleValueHeaders(req),
      multiValueHeaders: req.headersDistinct,
      queryStringParameters: Object.fromEntries(url.searchParams),
      requestContext: {
        requestId: randomBytes(16).toString('hex'),
        envId: core.envId,
        appId: 1250000000,
        uin: 100000000001,
      },
      body: binary ? raw.toString('base64') : raw.toString('utf8'),
      isBase64Encoded: binary,
    };
    // no user behind an HTTP request: no OPENID; the source says how the function was reached
    const result = await runner.invoke(name, event, { source: 'wx_http' });
    if (!result.ok) {
      sendInvokeFailure(res, result);
      return;
    }
    const reply = toHttpReply(result.result);
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-length': reply.body.length,
      ...invocationHeaders(result),
    });
    res.end(reply.body);
  } catch (error) {
    sendGatewayError(res, error);
  }
}

interface HttpReply {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The documented mapping of a function's return value to an HTTP response. */
export function toHttpReply(value: unknown): HttpReply {
  if (isPlainObject(value) && typeof value.statusCode === 'number') return integrationResponse(value);
  if (typeof value === 'string' || typeof value === 'number') {
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(String(value)) };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(value ?? null)),
  };
}

function integrationResponse(value: Record<string, unknown>): HttpReply {
  const status = value.statusCode as number;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new HttpError(502, 'INVALID_INTEGRATION_RESPONSE', `function returned statusCode ${status}`);
  }
  const headers: Record<string, string | string[]> = {};
  for (const source of [value.multiValueHeaders, value.headers]) {
    if (!isPlainObject(source)) continue;
    for (const [key, header] of Object.entries(source)) {
      if (Array.isArray(header)) headers[key.toLowerCase()] = header.map(String);
      else if (header !== undefined && header !== null) headers[key.toLowerCase()] = String(header);
    }
  }
  const body = value.body;
  const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
  return { status, headers, body: value.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text) };
}

function singleValueHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Bodies the service passes as text; anything else (images, octet streams) arrives base64-encoded. */
function isTextual(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return (
    type === '' ||
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript'
  );
}
