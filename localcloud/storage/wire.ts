import { randomBytes } from 'node:crypto';
import { isPlainObject } from '../http-util';
import { WireError } from '../server';
import type { WireHandler, WireReply } from '../types';
import {
  DEFAULT_MAX_AGE_S,
  FILE_PREFIX,
  MAX_FILES_PER_CALL,
  nowSeconds,
  tempUrlOf,
  UPLOAD_AUTH_TTL_S,
  uploadUrlOf,
  type StorageContext,
} from './context';
import { checkCloudPath, fileIdOf, parseFileId, StoragePathError } from './paths';

/*
 * The storage actions of the wire API. Replies follow what @cloudbase/node-sdk/dist/storage reads:
 * `data.{url, token, authorization, fileId, cosFileId}`, `data.download_list`, `data.delete_list`,
 * with one `{fileID, code, ...}` per file where code is 'SUCCESS' or a TCB error name.
 */

/** `storage.getUploadMetadata {path, method: 'put'}`: where and with what to PUT the bytes. */
export function getUploadMetadata(ctx: StorageContext): WireHandler {
  return ({ params }) => {
    const cloudPath = checkedPath(params.path);
    if (params.method !== undefined && params.method !== 'put') {
      throw new WireError('INVALID_PARAM', `localcloud takes PUT uploads only, not ${String(params.method)}`);
    }
    const issuedAt = nowSeconds(ctx);
    const expiresAt = issuedAt + UPLOAD_AUTH_TTL_S;
    const token = randomBytes(16).toString('hex');
    const signature = ctx.signer.sign('put', cloudPath, expiresAt, token);
    return json({
      data: {
        url: uploadUrlOf(ctx, cloudPath),
        token,
        // COS-shaped so the value looks like what the platform hands out; checked by the PUT route
        authorization: `q-sign-algorithm=sha256&q-key-time=${issuedAt};${expiresAt}&q-signature=${signature}`,
        fileId: fileIdOf(ctx.core.envId, cloudPath),
        cosFileId: randomBytes(12).toString('base64url'),
        // the object's unsigned address: like a private bucket's, it answers 403 without a sign
        download_url: `${ctx.core.baseUrl()}${FILE_PREFIX}${cloudPath}`,
      },
    });
  };
}

/** `storage.batchGetDownloadUrl {file_list: [{fileid, max_age?, url_type?}]}` */
export function batchGetDownloadUrl(ctx: StorageContext): WireHandler {
  return async ({ params }) => {
    const list = fileList(params.file_list, 'file_list');
    const downloadList = await Promise.all(
      list.map(async (item) => {
        const fileID = isPlainObject(item) ? item.fileid : item;
        const maxAge = isPlainObject(item) && item.max_age !== undefined ? item.max_age : DEFAULT_MAX_AGE_S;
        if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge <= 0) {
          return {
            fileID,
            tempFileURL: '',
            code: 'INVALID_PARAM',
            message: `max_age must be a positive number of seconds`,
          };
        }
        const parsed = parseFileId(fileID, ctx.core.envId);
        if (!parsed.ok) return { fileID, tempFileURL: '', code: parsed.code, message: parsed.message, maxAge };
        if ((await ctx.files.size(parsed.cloudPath)) === undefined) {
          return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists', maxAge };
        }
        const expiresAt = nowSeconds(ctx) + Math.floor(maxAge);
        return { fileID, tempFileURL: tempUrlOf(ctx, parsed.cloudPath, expiresAt), code: 'SUCCESS', maxAge };
      }),
    );
    return json({ data: { download_list: downloadList } });
  };
}

/** `storage.batchDeleteFile {fileid_list: [fileID]}` */
export function batchDeleteFile(ctx: StorageContext): WireHandler {
  return async ({ params }) => {
    const list = fileList(params.fileid_list, 'fileid_list');
    const deleteList = [];
    // one at a time: two entries may name the same file, and the second must see it gone
    for (const fileID of list) {
      const parsed = parseFileId(fileID, ctx.core.envId);
      if (!parsed.ok) deleteList.push({ fileID, code: parsed.code, message: parsed.message });
      else if (await ctx.files.remove(parsed.cloudPath)) deleteList.push({ fileID, code: 'SUCCESS' });
      else deleteList.push({ fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' });
    }
    return json({ data: { delete_list: deleteList } });
  };
}

function checkedPath(cloudPath: unknown): string {
  try {
    return checkCloudPath(cloudPath);
  } catch (error) {
    if (error instanceof StoragePathError) throw new WireError('INVALID_PARAM', error.message);
    throw error;
  }
}

function fileList(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw new WireError('INVALID_PARAM', `${name} must be an array`);
  if (value.length > MAX_FILES_PER_CALL) {
    throw new WireError('INVALID_PARAM', `${name} takes at most ${MAX_FILES_PER_CALL} files per call`);
  }
  return value;
}

function json(body: Record<string, unknown>): WireReply {
  return { kind: 'json', body };
}
