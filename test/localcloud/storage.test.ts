import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bucketFor } from '../../localcloud/storage';
import { sdkFor, startTestCloud, useTestCloud, type TestCloud, type WxServerSdk } from './harness';

let lc: TestCloud;
let cloud: WxServerSdk;

useTestCloud((started) => {
  ({ lc, sdk: cloud } = started);
});
afterEach(() => lc.clock.setOffset(0));

/** The SDK's thrown errors carry errCode (and, from @cloudbase/node-sdk, the TCB `code`). */
async function failure(promise: Promise<unknown>): Promise<{ errCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode?: number; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** The SDK types these two as `Promise | void` (callback overloads); without a callback they return the promise. */
type TempFileList = Parameters<WxServerSdk['getTempFileURL']>[0]['fileList'];
type TempFile = { fileID: string; status: number; errMsg: string; maxAge: number; tempFileURL: string };
type DeletedFile = { fileID: string; status: number; errMsg: string };

async function tempFiles(fileList: TempFileList, sdk = cloud): Promise<TempFile[]> {
  return ((await sdk.getTempFileURL({ fileList })) as { fileList: TempFile[] }).fileList;
}

async function deleteFiles(fileList: string[]): Promise<DeletedFile[]> {
  return ((await cloud.deleteFile({ fileList })) as { fileList: DeletedFile[] }).fileList;
}

async function upload(cloudPath: string, bytes: Buffer): Promise<string> {
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: bytes });
  return fileID;
}

async function tempUrl(fileID: string, maxAge?: number): Promise<string> {
  const fileList = await tempFiles([maxAge ? { fileID, maxAge } : fileID]);
  expect(fileList[0]).toMatchObject({ fileID, status: 0 });
  return fileList[0].tempFileURL;
}

const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

test('uploadFile stores the bytes and reports statusCode -1, as the real SDK does', async () => {
  const result = await cloud.uploadFile({ cloudPath: 'idPhotos/o-1/front.png', fileContent: photo });
  expect(result).toMatchObject({ statusCode: -1, errMsg: 'uploadFile:ok' });
  expect(result.fileID).toBe(`cloud://${lc.envId}.${bucketFor(lc.envId)}/idPhotos/o-1/front.png`);
  expect(readFileSync(path.join(lc.dataDir, 'storage', 'idPhotos', 'o-1', 'front.png')).equals(photo)).toBe(true);
});

test('getTempFileURL gives a link that serves the bytes over HTTP', async () => {
  const fileID = await upload('idPhotos/o-2/front.png', photo);
  const url = await tempUrl(fileID);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
});

test('keys with Chinese characters and spaces round-trip through upload, temp URL and download', async () => {
  const bytes = Buffer.from('身份证 照片');
  const fileID = await upload('证件/张 三.jpg', bytes);
  const res = await fetch(await tempUrl(fileID));
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  const { fileContent } = await cloud.downloadFile({ fileID });
  expect(Buffer.from(fileContent).equals(bytes)).toBe(true);
});

test('a temp link expires after maxAge (default two hours) on localcloud’s clock', async () => {
  const fileID = await upload('expiry/a.png', photo);
  const short = await tempUrl(fileID, 60);
  const long = await tempUrl(fileID);
  expect((await fetch(short)).status).toBe(200);
  lc.clock.setOffset(61_000);
  const expired = await fetch(short);
  expect(expired.status).toBe(403);
  expect(await expired.json()).toMatchObject({ code: 'URL_EXPIRED' });
  expect((await fetch(long)).status).toBe(200);
  lc.clock.setOffset(2 * 60 * 60 * 1000 + 1000);
  expect((await fetch(long)).status).toBe(403);
});

test('a tampered temp link is refused with 403', async () => {
  const fileID = await upload('tamper/a.png', photo);
  await upload('tamper/b.png', photo);
  const url = new URL(await tempUrl(fileID));
  const sign = url.searchParams.get('sign') ?? '';
  const variants = [
    url.href.replace(`sign=${sign}`, `sign=${sign.slice(0, -1)}${sign.endsWith('0') ? '1' : '0'}`),
    url.href.replace(/t=(\d+)/, (_m, t: string) => `t=${Number(t) + 3600}`),
    url.href.replace('a.png', 'b.png'),
    url.href.replace(/sign=[^&]+&/, ''),
  ];
  for (const variant of variants) {
    const res = await fetch(variant);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'SIGNATURE_INVALID' });
  }
});

test('downloadFile returns the bytes', async () => {
  const fileID = await upload('download/a.bin', photo);
  const result = await cloud.downloadFile({ fileID });
  expect(result.statusCode).toBe(200);
  expect(Buffer.from(result.fileContent).equals(photo)).toBe(true);
});

test('deleteFile removes the file; afterwards the SDK reports it missing', async () => {
  const fileID = await upload('delete/a.png', photo);
  const url = await tempUrl(fileID);
  expect(await deleteFiles([fileID])).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
  expect(existsSync(path.join(lc.dataDir, 'storage', 'delete'))).toBe(false);

  expect(await tempFiles([fileID])).toEqual([
    { fileID, status: -503003, errMsg: 'storage file not exists', maxAge: 7200, tempFileURL: '' },
  ]);
  expect((await fetch(url)).status).toBe(404);
  expect(await deleteFiles([fileID])).toEqual([{ fileID, status: -503003, errMsg: 'storage file not exists' }]);
  // the SDK throws the per-file code from node-sdk as a TcbError (errCode -1 is the SDK's own mapping)
  expect(await failure(cloud.downloadFile({ fileID }))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
});

test('file IDs of another environment or with a bad path are refused per file', async () => {
  const ours = await upload('ids/a.png', photo);
  const fileList = await tempFiles([
    'cloud://other-env.6f74-other-env-1300000000/ids/a.png',
    ours.replace('ids/a.png', 'ids/../../x'),
    'not-an-id',
    ours,
  ]);
  expect(fileList.map((f) => f.status)).toEqual([-503002, -501007, -501007, 0]);
});

test('path traversal and absolute paths are refused, and nothing is written outside storage', async () => {
  for (const cloudPath of [
    '../evil.txt',
    'a/../../evil.txt',
    '/etc/evil.txt',
    'a//b.txt',
    'a\\..\\evil.txt',
    'a/./b',
  ]) {
    const error = await failure(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') }));
    expect(error).toMatchObject({ code: 'INVALID_PARAM' });
  }
  expect(existsSync(path.join(lc.dataDir, 'evil.txt'))).toBe(false);
  expect(existsSync(path.join(lc.dataDir, '..', 'evil.txt'))).toBe(false);
  // URL-level tricks against the routes themselves
  expect((await fetch(`${lc.url}/_storage/file/..%2F..%2Fdb?sign=00&t=9999999999`)).status).toBe(403);
  const put = await fetch(`${lc.url}/_storage/upload/..%2Fevil.txt`, { method: 'PUT', body: 'x' });
  expect(put.status).toBe(400);
  expect(await put.text()).toContain('<Code>InvalidArgument</Code>');
});

test('the upload route takes only uploads authorized by getUploadMetadata for that key', async () => {
  const noAuth = await fetch(`${lc.url}/_storage/upload/sneaky.txt`, { method: 'PUT', body: 'x' });
  expect(noAuth.status).toBe(403);
  expect(await noAuth.text()).toContain('<Code>AccessDenied</Code>');

  const wire = await fetch(`${lc.url}/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'allowed.txt', method: 'put' }),
  });
  const { data } = (await wire.json()) as { data: { url: string; authorization: string; token: string } };
  const headers = { authorization: data.authorization, 'x-cos-security-token': data.token };
  const otherKey = await fetch(data.url.replace('allowed.txt', 'other.txt'), { method: 'PUT', headers, body: 'x' });
  expect(otherKey.status).toBe(403);
  expect(await otherKey.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

  lc.clock.setOffset(16 * 60 * 1000);
  expect((await fetch(data.url, { method: 'PUT', headers, body: 'x' })).status).toBe(403);
  lc.clock.setOffset(0);
  expect((await fetch(data.url, { method: 'PUT', headers, body: 'x' })).status).toBe(200);
});

test('an upload over 50 MiB is refused with 413 and leaves nothing behind', async () => {
  const tooBig = Buffer.alloc(50 * 1024 * 1024 + 1, 7);
  const error = await failure(cloud.uploadFile({ cloudPath: 'big/too-big.bin', fileContent: tooBig }));
  expect(error).toMatchObject({ code: 'STORAGE_REQUEST_FAIL' });
  expect(error.message).toContain('EntityTooLarge');
  expect(existsSync(path.join(lc.dataDir, 'storage', 'big', 'too-big.bin'))).toBe(false);
  // the server is still there, and so is an upload of exactly the limit
  const fileID = await upload('big/limit.bin', tooBig.subarray(1));
  expect((await tempFiles([fileID]))[0].status).toBe(0);
});

test('getTempFileURL takes at most 50 files per call', async () => {
  const fileList = Array.from({ length: 51 }, (_, i) => `cloud://${lc.envId}.${bucketFor(lc.envId)}/f${i}.png`);
  // node-sdk throws a whole-call error itself, so wx-server-sdk never maps it: errCode -1, code kept
  expect(await failure(tempFiles(fileList))).toMatchObject({ errCode: -1, code: 'INVALID_PARAM' });
});

test('files survive a restart of localcloud on the same data folder', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'localcloud-storage-restart-'));
  try {
    const first = await startTestCloud({ dataDir });
    const fileID = await sdkFor(first)
      .uploadFile({ cloudPath: 'persist/a.png', fileContent: photo })
      .then((r) => r.fileID);
    await first.stop();

    const second = await startTestCloud({ dataDir });
    try {
      const fileList = await tempFiles([fileID], sdkFor(second));
      const res = await fetch(fileList[0].tempFileURL);
      expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
    } finally {
      await second.stop();
    }
  } finally {
    sdkFor(lc);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
