/**
 * Pictures a test puts before the phone's camera or in its album (wx-client.ts `phone.camera` / `phone.album`): real
 * PNG images, small, each of one colour, so two photos in one test are told apart by their bytes; and what storage
 * kept of one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { diskPathOf, parseFileId } from '../../../localcloud/storage/paths';
import type { Picture } from './wx-client';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `width` × `height` PNG (8-bit RGB) filled with `rgb`. */
export function pngPicture(rgb: [number, number, number], width = 8, height = 8): Picture {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return {
    type: 'png',
    bytes: Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]),
  };
}

/** The bytes localcloud's storage holds for a file id (what the page's wx.cloud.uploadFile put there). */
export function storedBytes(lc: { dataDir: string; envId: string }, fileId: string): Buffer {
  const parsed = parseFileId(fileId, lc.envId);
  if (!parsed.ok) throw new Error(parsed.message);
  return readFileSync(diskPathOf(path.join(lc.dataDir, 'storage'), parsed.cloudPath));
}
