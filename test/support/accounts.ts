import { randomUUID } from 'node:crypto';
import type { Profile } from '../../miniprogram/core/api/account';
import { LEGAL_EDITION } from '../../miniprogram/core/consent';
import type { Envelope } from '../../miniprogram/core/envelope';
import type { AppCloud } from './app-cloud';
import { smsCode, smsCount } from './sms';

/**
 * Accounts made straight through the `account` function, for tests about what comes after registering: the pages
 * and the browser tests register through the screens once, and everywhere else start from an account made here.
 */

export interface NewAccount {
  phone: string;
  password: string;
  email?: string;
}

/** What the register form sends when 我已阅读并同意《用户协议》和《隐私政策》 is ticked. */
export const AGREED = { consent: { edition: LEGAL_EDITION } } as const;

/** Registers `account` as the WeChat user `openid`, who is then linked to it. */
export async function accountFor(
  cloud: AppCloud,
  openid: string,
  account: NewAccount,
): Promise<Profile & { accountId: string }> {
  const ask = async <T>(event: Record<string, unknown>): Promise<T> => {
    const answer = await cloud.call<Envelope<T>>('account', { requestId: randomUUID(), ...event }, openid);
    if (!answer.ok) throw new Error(`account.${String(event.action)}: ${answer.code} ${answer.message}`);
    return answer.data;
  };
  const sent = await smsCount(cloud, account.phone);
  await ask({ action: 'sendCode', phone: account.phone, purpose: 'register' });
  const code = await smsCode(cloud, account.phone, sent);
  const { profile } = await ask<{ profile: Profile }>({ action: 'register', ...account, code, ...AGREED });
  const { accountId } = profile;
  if (!accountId) throw new Error(`account.register answered no account ID: ${JSON.stringify(profile)}`);
  return { ...profile, accountId };
}

/** Unlinks `openid`'s WeChat from its account, as 退出登录 does. */
export async function logOut(cloud: AppCloud, openid: string): Promise<void> {
  await cloud.call('account', { action: 'logout', requestId: randomUUID() }, openid);
}
