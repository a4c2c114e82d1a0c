import type { LocalcloudCore } from '../core';
import type { FileStore } from './files';
import type { Signer } from './signing';

/** What the storage wire handlers and HTTP routes share. */
export interface StorageContext {
  readonly core: LocalcloudCore;
  readonly files: FileStore;
  readonly signer: Signer;
}

/** Largest object an upload may carry (localcloud's own cap; more than any photo the app takes). */
export const UPLOAD_LIMIT = 50 * 1024 * 1024;
/** `getTempFileURL` without `maxAge`: the platform's default link lifetime, 2 hours. */
export const DEFAULT_MAX_AGE_S = 2 * 60 * 60;
/** How long an upload authorization from `getUploadMetadata` stays valid. */
export const UPLOAD_AUTH_TTL_S = 15 * 60;
/** `getTempFileURL` takes at most 50 files per call on the platform. */
export const MAX_FILES_PER_CALL = 50;

export const UPLOAD_PREFIX = '/_storage/upload/';
export const FILE_PREFIX = '/_storage/file/';

export function nowSeconds(ctx: StorageContext): number {
  return Math.floor(ctx.core.clock.now() / 1000);
}

/**
 * A temp URL as the platform writes it: the key left unescaped (the SDK's downloadFile runs
 * `encodeURI` over it, so escaping here would double-encode), then `sign` and `t` (expiry, s).
 */
export function tempUrlOf(ctx: StorageContext, cloudPath: string, expiresAt: number): string {
  const sign = ctx.signer.sign('get', cloudPath, expiresAt);
  return `${ctx.core.baseUrl()}${FILE_PREFIX}${cloudPath}?sign=${sign}&t=${expiresAt}`;
}

/** The PUT target: fully escaped, because the SDK hands it to http.request as it is. */
export function uploadUrlOf(ctx: StorageContext, cloudPath: string): string {
  return `${ctx.core.baseUrl()}${UPLOAD_PREFIX}${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** The cloudPath a route URL names, or undefined when its escapes do not decode. */
export function cloudPathFromUrl(url: URL, prefix: string): string | undefined {
  try {
    return decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return undefined;
  }
}
