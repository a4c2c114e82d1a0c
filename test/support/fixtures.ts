import type { ReleaseResponse, ScanResponse } from '../../miniprogram/core/api/gate';
import type { ResidentPassResponse } from '../../miniprogram/core/api/pass';
import type { Envelope } from '../../miniprogram/core/envelope';
import type { HouseRestriction, ResidentPassSettings } from '../../miniprogram/core/pass-rules';
import { DEFAULT_RESIDENT_PASS_SETTINGS } from '../../miniprogram/core/pass-rules';
import type { AppCloud } from './app-cloud';

/**
 * The fixtures every kind of test builds on, over a started AppCloud: the demo sites, Shanghai times, a site's pass
 * rules and its people set as the back office would, and the pass and gate calls a page or a test makes.
 */

export const HX = 'site-haixin-huiyuan';
export const HJ = 'site-hongjin-ge';

let counter = 0;
export const requestId = () => `gate-test-${(counter += 1).toString().padStart(8, '0')}`;

/** 'YYYY-MM-DD HH:mm[:ss]' in Asia/Shanghai → the instant */
export const cst = (text: string) => new Date(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+08:00`);

/** Sets a site's resident pass rules (what an administrator does in the back office). */
export async function setRules(app: AppCloud, siteId: string, rules: Partial<ResidentPassSettings>): Promise<void> {
  await app.lc.db.modify(
    'sites',
    { _id: siteId },
    { $set: { residentPass: { ...DEFAULT_RESIDENT_PASS_SETTINGS, periodAnchor: '2024-01-01', ...rules } } },
    { multi: false, merge: true, upsert: false },
  );
}

export async function restrictHouse(
  app: AppCloud,
  houseId: string,
  restriction: HouseRestriction | null,
): Promise<void> {
  await app.lc.db.modify(
    'houses',
    { _id: houseId },
    restriction ? { $set: { restriction } } : { $unset: { restriction: '' } },
    { multi: false, merge: true, upsert: false },
  );
}

/** Makes `openid` a resident of `houseId` (creating the user on its first call), as an approved application would. */
export async function addResident(
  app: AppCloud,
  openid: string,
  siteId: string,
  houseId: string,
  name: string,
): Promise<string> {
  await app.call('site', { action: 'current' }, openid);
  const [user] = app.lc.db.find('users', { openid }, {});
  await app.lc.db.modify('users', { _id: user._id }, { $set: { name } }, { multi: false, merge: true, upsert: false });
  await app.lc.db.insert('memberships', [
    { userId: user._id, siteId, role: 'resident', houseId, status: 'active', createdAt: new Date() },
  ]);
  return user._id;
}

export async function addStaff(
  app: AppCloud,
  openid: string,
  siteId: string,
  role: 'guard' | 'admin' | 'observer',
): Promise<void> {
  await app.call('site', { action: 'current' }, openid);
  const [user] = app.lc.db.find('users', { openid }, {});
  await app.lc.db.insert('memberships', [{ userId: user._id, siteId, role, status: 'active', createdAt: new Date() }]);
}

export const residentPass = (app: AppCloud, openid: string, siteId?: string) =>
  app.call<Envelope<ResidentPassResponse>>('pass', { action: 'residentPass', ...(siteId ? { siteId } : {}) }, openid);

export const scan = (app: AppCloud, openid: string, code: string, siteId = HX, gate?: string) =>
  app.call<Envelope<ScanResponse>>('gate', { action: 'scan', code, siteId, ...(gate ? { gate } : {}) }, openid);

export const release = (app: AppCloud, openid: string, code: string, extra: object = {}, siteId = HX) =>
  app.call<Envelope<ReleaseResponse>>(
    'gate',
    { action: 'release', code, siteId, requestId: requestId(), ...extra },
    openid,
  );

export function data<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.code}: ${envelope.message}`);
  return envelope.data;
}

export async function codeFor(app: AppCloud, openid: string, siteId?: string): Promise<string> {
  return data(await residentPass(app, openid, siteId)).code;
}
