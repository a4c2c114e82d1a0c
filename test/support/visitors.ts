import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AdminActions } from '../../miniprogram/core/api/admin';
import type { VisitorActions, VisitorSettings } from '../../miniprogram/core/api/visitor';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEFAULT_VISITOR_SETTINGS } from '../../miniprogram/core/visit-rules';
import { diskPathOf, fileIdOf } from '../../localcloud/storage/paths';
import { DEMO_OPENIDS, type AppCloud } from './app-cloud';
import { HX } from './fixtures';

/**
 * The visitor journey's calls as the visitors pages make them (访客预约, 审核, 邀请), over a started AppCloud.
 * 张伟 (13912340001, 海信慧园 3栋2单元301) is the host the bookings name unless a test says otherwise.
 */

export const ZHANG_WEI = { name: '张伟', phone: '13912340001' };
/** a valid 身份证号 (check digit X) */
export const VISITOR_ID = '11010519491231002X';

type Request<A extends keyof VisitorActions> = Omit<VisitorActions[A]['request'], 'requestId'> & { requestId?: string };

/** Calls `visitor.<action>` as `openid`; mutating actions get a fresh requestId unless one is given. */
export function visitorCall<A extends keyof VisitorActions>(
  app: AppCloud,
  openid: string | undefined,
  action: A,
  request: Request<A>,
): Promise<Envelope<VisitorActions[A]['response']>> {
  const mutating = ['book', 'invite', 'decide', 'cancel'].includes(action);
  return app.call('visitor', { action, ...(mutating ? { requestId: randomUUID() } : {}), ...request }, openid);
}

/** A visit window starting `inMinutes` from now (localcloud's clock as it stands), `hours` long. */
export function visitWindow(app: AppCloud, inMinutes = 60, hours = 2): { startsAt: string; endsAt: string } {
  const start = Math.floor((app.lc.clock.now() + inMinutes * 60_000) / 60_000) * 60_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + hours * 3_600_000).toISOString() };
}

/** What the booking form sends for a visit to 张伟 at 海信慧园. */
export function bookingForm(app: AppCloud, overrides: Partial<Request<'book'>> = {}): Request<'book'> {
  return {
    siteId: HX,
    hostName: ZHANG_WEI.name,
    hostPhone: ZHANG_WEI.phone,
    visitorName: '赵敏',
    visitorPhone: '13800138000',
    purpose: '探亲访友',
    ...visitWindow(app),
    ...overrides,
  };
}

/** Sets a site's visitor settings as its administrator (陈静 at 海信慧园) does in the back office. */
export async function setVisitorSettings(
  app: AppCloud,
  settings: Partial<VisitorSettings>,
  siteId = HX,
  admin: string = DEMO_OPENIDS.admin,
): Promise<Envelope<AdminActions['setVisitorSettings']['response']>> {
  return app.call(
    'admin',
    {
      action: 'setVisitorSettings',
      siteId,
      requestId: randomUUID(),
      settings: { ...DEFAULT_VISITOR_SETTINGS, ...settings },
    },
    admin,
  );
}

/**
 * A face photo as the page's wx.cloud.uploadFile leaves it in localcloud's storage, in `openid`'s upload folder;
 * returns its file id.
 */
export function storedFacePhoto(app: AppCloud, openid: string, name = `${randomUUID().replace(/-/g, '')}.jpg`): string {
  const cloudPath = `visitors/faces/${openid}/${name}`;
  const disk = diskPathOf(path.join(app.lc.dataDir, 'storage'), cloudPath);
  mkdirSync(path.dirname(disk), { recursive: true });
  writeFileSync(disk, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  return fileIdOf(app.lc.envId, cloudPath);
}
