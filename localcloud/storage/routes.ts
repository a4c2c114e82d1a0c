import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { HttpError, sendJson } from '../http-util';
import { newRequestId } from '../server';
import type { Route } from '../types';
import { cloudPathFromUrl, FILE_PREFIX, nowSeconds, UPLOAD_LIMIT, UPLOAD_PREFIX, type StorageContext } from './context';
import { FileStoreError } from './files';
import { checkCloudPath, fileIdOf, StoragePathError } from './paths';

/** `PUT /_storage/upload/<key>`: the raw upload the SDK sends after `storage.getUploadMetadata`. */
export function uploadRoute(ctx: StorageContext): Route {
  return {
    method: 'PUT',
    prefix: UPLOAD_PREFIX,
    async handle(req, res, url) {
      const cloudPath = cloudPathFromUrl(url, UPLOAD_PREFIX);
      if (cloudPath === undefined) {
        sendCosError(res, badKey('undecodable key in URL'), url.pathname);
        return;
      }
      const refused = checkKey(cloudPath) ?? checkAuth(ctx, req, cloudPath);
      if (refused) {
        sendCosError(res, refused, url.pathname);
        return;
      }
      try {
        await ctx.files.write(cloudPath, req, UPLOAD_LIMIT);
      } catch (error) {
        if (!(error instanceof FileStoreError)) throw error;
        const status = error.reason === 'too-large' ? 413 : 409;
        const code = error.reason === 'too-large' ? 'EntityTooLarge' : 'KeyConflict';
        sendCosError(res, { status, code, message: error.message }, url.pathname);
        return;
      }
      // COS answers a successful PUT with an empty body; the SDK parses it as XML and finds no <Error>
      res.writeHead(200, { 'content-length': 0, 'x-cos-request-id': newRequestId() });
      res.end();
    },
  };
}

/** `GET /_storage/file/<key>?sign=&t=`: what a temp URL points at. */
export function fileRoute(ctx: StorageContext): Route {
  return {
    method: 'GET',
    prefix: FILE_PREFIX,
    async handle(_req, res, url) {
      const cloudPath = checkTempUrl(ctx, url);
      const size = await ctx.files.size(cloudPath);
      if (size === undefined) throw new HttpError(404, 'STORAGE_FILE_NONEXIST', `no stored file ${cloudPath}`);
      res.writeHead(200, {
        'content-type': contentTypeOf(cloudPath),
        'content-length': size,
        // private photos: nothing between here and the viewer should keep a copy
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
      await pipeline(ctx.files.read(cloudPath), res);
    },
  };
}

/** The key a temp URL names, once its signature and expiry hold; otherwise a 403. */
function checkTempUrl(ctx: StorageContext, url: URL): string {
  const cloudPath = cloudPathFromUrl(url, FILE_PREFIX);
  const expiresAt = Number(url.searchParams.get('t'));
  const sign = url.searchParams.get('sign') ?? '';
  const valid = cloudPath !== undefined && Number.isSafeInteger(expiresAt);
  if (!valid || !ctx.signer.verify('get', cloudPath, expiresAt, sign)) {
    // also what a link from before a restart gets: the signing key is per process
    throw new HttpError(
      403,
      'SIGNATURE_INVALID',
      'temp URL signature does not match: ask getTempFileURL for a new one',
    );
  }
  if (nowSeconds(ctx) >= expiresAt) {
    throw new HttpError(403, 'URL_EXPIRED', 'temp URL has expired: ask getTempFileURL for a new one');
  }
  return cloudPath;
}

interface CosError {
  status: number;
  code: string;
  message: string;
}

function badKey(message: string): CosError {
  return { status: 400, code: 'InvalidArgument', message };
}

function checkKey(cloudPath: string): CosError | undefined {
  try {
    checkCloudPath(cloudPath);
    return undefined;
  } catch (error) {
    if (error instanceof StoragePathError) return badKey(error.message);
    throw error;
  }
}

/**
 * The SDK sends `authorization` (and the same value as `Signature`) plus `x-cos-security-token`,
 * both from getUploadMetadata. Checking them keeps the upload door closed to anyone who did not
 * get an authorization for this exact key through the wire API.
 */
function checkAuth(ctx: StorageContext, req: IncomingMessage, cloudPath: string): CosError | undefined {
  const authorization = String(req.headers.authorization ?? '');
  const token = String(req.headers['x-cos-security-token'] ?? '');
  const params = new URLSearchParams(authorization);
  const [, expires] = (params.get('q-key-time') ?? '').split(';');
  const expiresAt = Number(expires);
  if (!authorization || !token || !Number.isSafeInteger(expiresAt)) {
    return { status: 403, code: 'AccessDenied', message: 'upload without an authorization from getUploadMetadata' };
  }
  if (!ctx.signer.verify('put', cloudPath, expiresAt, params.get('q-signature') ?? '', token)) {
    return { status: 403, code: 'SignatureDoesNotMatch', message: 'upload authorization does not match this key' };
  }
  if (nowSeconds(ctx) >= expiresAt)
    return { status: 403, code: 'AccessDenied', message: 'upload authorization has expired' };
  return undefined;
}

/** The XML error body COS sends; the SDK reads Code, Message, RequestId and TraceId from it. */
function sendCosError(res: ServerResponse, error: CosError, resource: string): void {
  const requestId = newRequestId();
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${xml(error.code)}</Code>\n` +
    `<Message>${xml(error.message)}</Message>\n<Resource>${xml(resource)}</Resource>\n` +
    `<RequestId>${requestId}</RequestId>\n<TraceId>${requestId}</TraceId>\n</Error>`;
  res.writeHead(error.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
};

/** By extension: the upload carries no Content-Type (the SDK pipes raw bytes). */
function contentTypeOf(cloudPath: string): string {
  const dot = cloudPath.lastIndexOf('.');
  const ext = dot < 0 ? '' : cloudPath.slice(dot + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export const DEV_UPLOAD_PREFIX = '/_dev/storage/';

/**
 * `PUT /_dev/storage/<cloudPath>`: a client's `wx.cloud.uploadFile` as the WeChat client does it for the signed-in
 * user, for the browser preview (which has no WeChat client to carry the upload). The body is the file's bytes; the
 * answer is `{ fileID }`, as the client's uploadFile resolves. An existing key is refused (409), as uploads do not
 * overwrite here; like every /_dev route it exists only in localcloud, on 127.0.0.1.
 */
export function devUploadRoute(ctx: StorageContext): Route {
  return {
    method: 'PUT',
    prefix: DEV_UPLOAD_PREFIX,
    async handle(req, res, url) {
      const cloudPath = cloudPathFromUrl(url, DEV_UPLOAD_PREFIX);
      if (cloudPath === undefined) throw new HttpError(400, 'INVALID_PARAM', 'undecodable cloudPath in URL');
      try {
        checkCloudPath(cloudPath);
        await ctx.files.write(cloudPath, req, UPLOAD_LIMIT);
      } catch (error) {
        if (error instanceof StoragePathError) throw new HttpError(400, 'INVALID_PARAM', error.message);
        if (!(error instanceof FileStoreError)) throw error;
        if (error.reason === 'too-large') throw new HttpError(413, 'FILE_TOO_LARGE', error.message);
        throw new HttpError(409, 'FILE_EXISTS', error.message);
      }
      sendJson(res, 200, { fileID: fileIdOf(ctx.core.envId, cloudPath) });
    },
  };
}
