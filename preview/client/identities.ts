/**
 * Who is holding the phone: any demo identity (demo/identities.ts, the same openids the README lists) or
 * a WeChat user never seen before (a fresh openid each time it is chosen). The choice is the `X-WX-OPENID` every
 * cloud call carries, and it picks the phone's storage: each identity has its own, as if each person had their
 * own phone.
 */
import { DEMO_OPENIDS, type DemoRole } from '../../demo/identities';

export interface Identity {
  openid: string;
  label: string;
}

/** How the toolbar names the demo people; a role added to the demo data shows with its openid until named here. */
const LABELS: Partial<Record<DemoRole, string>> = {
  resident: '张伟 · 住户',
  resident2: '李娜 · 住户（未选场区）',
  guard: '王强 · 门岗',
  admin: '陈静 · 物业管理员',
  observer: '刘洋 · 观察员',
  newcomer: '初次使用的微信用户（demo-newcomer）',
};

export const NEW_USER = 'new';
const NEW_USER_PREFIX = 'preview-new-';
const CHOSEN_KEY = 'tx-preview.identity';

export function demoIdentities(): Identity[] {
  return (Object.entries(DEMO_OPENIDS) as Array<[DemoRole, string]>).map(([role, openid]) => ({
    openid,
    label: LABELS[role] ?? openid,
  }));
}

/** The identity a `?as=` parameter names: a demo role (`resident`), an openid, or `new`. */
export function identityFromParam(value: string): string {
  if (value === NEW_USER) return freshOpenid();
  return (DEMO_OPENIDS as Record<string, string>)[value] ?? value;
}

export function freshOpenid(): string {
  return `${NEW_USER_PREFIX}${Math.random().toString(36).slice(2, 10)}`;
}

export function isFreshUser(openid: string): boolean {
  return openid.startsWith(NEW_USER_PREFIX);
}

export function chosenIdentity(): string {
  return localStorage.getItem(CHOSEN_KEY) ?? DEMO_OPENIDS.resident;
}

export function rememberIdentity(openid: string): void {
  localStorage.setItem(CHOSEN_KEY, openid);
}

/** The phone's storage (wx.setStorageSync & co.), kept in localStorage under a prefix per identity. */
export function storagePrefix(openid: string): string {
  return `tx-phone:${openid}:`;
}

const PHONE_HOLDER_KEY = 'tx-preview.phone-holder:';

/**
 * Who opens what was sent to `recipient`: an openid (a subscription message) is that person; a phone number (an
 * SMS) is the WeChat user on that phone — a new one the first time, the same one for every later message to it.
 */
export function recipientIdentity(recipient: string): string {
  if (!/^\+?\d{5,15}$/.test(recipient)) return recipient;
  const key = `${PHONE_HOLDER_KEY}${recipient}`;
  const known = localStorage.getItem(key);
  if (known) return known;
  const openid = freshOpenid();
  localStorage.setItem(key, openid);
  return openid;
}
