import path from 'node:path';
import type { LocalcloudCore } from './core';
import type { StorageContext } from './storage/context';
import { FileStore } from './storage/files';
import { devUploadRoute, fileRoute, uploadRoute } from './storage/routes';
import { Signer } from './storage/signing';
import { batchDeleteFile, batchGetDownloadUrl, getUploadMetadata } from './storage/wire';

export { UPLOAD_LIMIT } from './storage/context';
export { bucketFor, fileIdOf } from './storage/paths';

/**
 * Cloud storage: the wire actions `storage.getUploadMetadata`, `storage.batchGetDownloadUrl` and
 * `storage.batchDeleteFile`, the upload PUT the SDK sends after getUploadMetadata, and the GET a
 * temp URL points at, and `PUT /_dev/storage/<cloudPath>` for the browser preview's `wx.cloud.uploadFile`. Objects
 * live in `<dataDir>/storage/<cloudPath>`.
 */
export function installStorage(core: LocalcloudCore): void {
  const ctx: StorageContext = {
    core,
    // the temp folder sits beside the store (same file system, so rename is atomic) but outside
    // it, so no cloudPath can name a half-written upload
    files: new FileStore(path.join(core.dataDir, 'storage'), path.join(core.dataDir, 'storage-tmp')),
    signer: new Signer(),
  };
  core.server.wire.set('storage.getUploadMetadata', getUploadMetadata(ctx));
  core.server.wire.set('storage.batchGetDownloadUrl', batchGetDownloadUrl(ctx));
  core.server.wire.set('storage.batchDeleteFile', batchDeleteFile(ctx));
  core.server.routes.push(uploadRoute(ctx), fileRoute(ctx), devUploadRoute(ctx));
}
