import path from 'node:path';

/**
 * Object keys (`cloudPath`) and file IDs. COS keys are flat strings, but localcloud keeps one
 * file per key on disk, so a key must also be a safe relative path on every OS a developer runs.
 */

/** COS caps an object key at 850 bytes; a single path segment must fit a file name (255 bytes). */
const MAX_KEY_BYTES = 850;
const MAX_SEGMENT_BYTES = 255;
/**
 * Refused characters: control characters; `\` and `:` (path separators / drive letters on
 * Windows) and the other names Windows forbids; `%`, `?`, `#`, which would be read as URL syntax in
 * the temp URL (the SDK's downloadFile runs `encodeURI` over the URL, so they cannot be escaped).
 */
const FORBIDDEN = /[\p{Cc}\\:*?"<>|%#]/u;

export class StoragePathError extends Error {}

/** Checks a cloudPath and returns it unchanged; throws StoragePathError saying what is wrong. */
export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '')
    throw new StoragePathError('cloudPath must be a non-empty string');
  if (cloudPath.startsWith('/')) throw new StoragePathError(`cloudPath must be relative, got "${cloudPath}"`);
  if (Buffer.byteLength(cloudPath) > MAX_KEY_BYTES) throw new StoragePathError(`cloudPath over ${MAX_KEY_BYTES} bytes`);
  const bad = FORBIDDEN.exec(cloudPath);
  if (bad) throw new StoragePathError(`cloudPath contains a forbidden character ${JSON.stringify(bad[0])}`);
  for (const segment of cloudPath.split('/')) {
    if (segment === '') throw new StoragePathError(`cloudPath has an empty segment: "${cloudPath}"`);
    if (segment === '.' || segment === '..')
      throw new StoragePathError(`cloudPath must not contain "${segment}" segments`);
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) throw new StoragePathError('cloudPath segment over 255 bytes');
  }
  return cloudPath;
}

/** Where a checked key lives under `root`; re-checks containment so no key can escape the folder. */
export function diskPathOf(root: string, cloudPath: string): string {
  const resolved = path.resolve(root, ...checkCloudPath(cloudPath).split('/'));
  if (!resolved.startsWith(path.resolve(root) + path.sep)) throw new StoragePathError('cloudPath escapes storage');
  return resolved;
}

/**
 * The bucket name the platform would show: hex of the env id's first two characters, the env id,
 * and an app number (e.g. `7465-test-1300000000`). Code that splits file IDs sees the same shape.
 */
export function bucketFor(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`;
}

export function fileIdOf(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketFor(envId)}/${cloudPath}`;
}

/** Per-file error codes, as the SDK maps them (`TCB_ERR_CODE`). */
export type FileErrorCode = 'INVALID_PARAM' | 'STORAGE_EXCEED_AUTHORITY';

export type ParsedFileId = { ok: true; cloudPath: string } | { ok: false; code: FileErrorCode; message: string };

/** `cloud://<env>.<bucket>/<cloudPath>` → cloudPath, when it names this env's bucket. */
export function parseFileId(fileId: unknown, envId: string): ParsedFileId {
  if (typeof fileId !== 'string' || !fileId.startsWith('cloud://')) {
    return { ok: false, code: 'INVALID_PARAM', message: `not a cloud:// file ID: ${JSON.stringify(fileId)}` };
  }
  const rest = fileId.slice('cloud://'.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return { ok: false, code: 'INVALID_PARAM', message: `file ID has no path: ${fileId}` };
  if (rest.slice(0, slash) !== `${envId}.${bucketFor(envId)}`) {
    return {
      ok: false,
      code: 'STORAGE_EXCEED_AUTHORITY',
      message: `file ID belongs to another environment: ${fileId}`,
    };
  }
  try {
    return { ok: true, cloudPath: checkCloudPath(rest.slice(slash + 1)) };
  } catch (error) {
    return { ok: false, code: 'INVALID_PARAM', message: (error as Error).message };
  }
}
