import type { ExitSlipForAdmin, ExitSlipSettings, ExitSlipView } from '../../miniprogram/core/api/admin-exit-slip';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEFAULT_EXIT_SLIP_SETTINGS } from '../../miniprogram/core/exit-slip-rules';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diskPathOf, fileIdOf } from '../../localcloud/storage/paths';
import type { AppCloud } from './app-cloud';
import { HX } from './fixtures';

/** 出门条 (P9) calls as the pages make them, and the site's settings as an administrator sets them. */

let n = 0;
const rid = () => `exit-slip-req-${(n += 1).toString().padStart(6, '0')}`;

export const applyExitSlip = (app: AppCloud, openid: string, params: object = {}) =>
  app.call<Envelope<{ slip: ExitSlipView }>>(
    'pass',
    {
      action: 'applyExitSlip',
      siteId: HX,
      date: '2026-12-05',
      goods: '沙发一套、纸箱6个',
      requestId: rid(),
      ...params,
    },
    openid,
  );

export const myExitSlip = (app: AppCloud, openid: string, slipId: string) =>
  app.call<Envelope<{ slip: ExitSlipView }>>('pass', { action: 'exitSlip', slipId }, openid);

export const decideExitSlip = (app: AppCloud, openid: string, slipId: string, approve: boolean, reason?: string) =>
  app.call<Envelope<{ slip: ExitSlipForAdmin }>>(
    'admin',
    { action: 'decideExitSlip', siteId: HX, slipId, approve, ...(reason ? { reason } : {}), requestId: rid() },
    openid,
  );

export async function setExitSlipSettings(
  app: AppCloud,
  settings: Partial<ExitSlipSettings>,
  siteId = HX,
): Promise<void> {
  await app.lc.db.modify(
    'sites',
    { _id: siteId },
    { $set: { exitSlipSettings: { ...DEFAULT_EXIT_SLIP_SETTINGS, ...settings } } },
    { multi: false, merge: true, upsert: false },
  );
}

export async function setArrears(app: AppCloud, houseId: string, arrears: boolean): Promise<void> {
  await app.lc.db.modify(
    'houses',
    { _id: houseId },
    { $set: { arrears } },
    { multi: false, merge: true, upsert: false },
  );
}

/** A goods photo as the apply page's wx.cloud.uploadFile leaves it, in `openid`'s upload folder; its file id. */
export function storedGoodsPhoto(app: AppCloud, openid: string): string {
  const cloudPath = `exitSlips/photos/${openid}/${randomUUID().replace(/-/g, '')}.jpg`;
  const disk = diskPathOf(path.join(app.lc.dataDir, 'storage'), cloudPath);
  mkdirSync(path.dirname(disk), { recursive: true });
  writeFileSync(disk, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  return fileIdOf(app.lc.envId, cloudPath);
}
