import { createHmac, randomInt } from 'node:crypto';
import type { CodePurpose } from '../../miniprogram/core/account-rules';
import { AppError } from '../platform/errors';
import { claimWindow, giveBackDailyAllowance, takeDailyAllowance } from '../platform/rate-limit';
import { Repository, type Stored } from '../platform/repository';
import { secret } from '../platform/secrets';
import { sendVerificationSms } from './sms';

export const CODE_LIFETIME_MS = 5 * 60_000;
export const RESEND_INTERVAL_MS = 60_000;
/** wrong tries a code survives; the next try, right or wrong, finds it dead */
export const MAX_WRONG_TRIES = 5;
/** sends per Asia/Shanghai day */
export const DAILY_CAPS = { phone: 10, openid: 20, clientIp: 50 } as const;

/** The live code for one phone and purpose (one document, fixed id): stored as an HMAC, never as digits. */
interface VerificationCode extends Stored {
  phone: string;
  purpose: CodePurpose;
  codeHash: string;
  sentAt: Date;
  expiresAt: Date;
  wrongTries: number;
  used: boolean;
  /** the request that used it (a token, not the caller's openid) */
  usedBy?: string;
}

class VerificationCodes extends Repository<VerificationCode> {
  constructor() {
    super('verificationCodes');
  }

  /** Writes the code for its phone and purpose whole, replacing the one before (one document per pair). */
  async put(id: string, code: Omit<VerificationCode, '_id'>): Promise<void> {
    await this.collection().doc(id).set({ data: code });
  }
}

export interface SendContext {
  openid: string;
  clientIp?: string;
  now: Date;
}

/**
 * Sends a fresh 6-digit code to `phone` for `purpose`: at most one send per 60 s per phone and
 * purpose, and daily caps per phone, per WeChat identity and per client IP that count only codes
 * actually sent. The order keeps a burst from eating the caps: the 60 s window is claimed first
 * (of 20 calls at once one wins; the rest are refused without touching the daily counts), the
 * daily allowances are taken next and given back if the SMS does not go, and the code is stored
 * only once the SMS has gone, so a failed send leaves the previous code as it was.
 */
export async function sendCode(
  phone: string,
  purpose: CodePurpose,
  context: SendContext,
): Promise<{ resendAfter: number }> {
  const { now } = context;
  const window = await claimWindow('sms-resend', `${purpose}-${phone}`, RESEND_INTERVAL_MS, now);
  if ('busyUntil' in window) {
    const wait = Math.max(1, Math.ceil((window.busyUntil.getTime() - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', `请${wait}秒后再获取验证码`, wait);
  }
  const taken = await takeDailyAllowances(phone, context);
  const giveBack = () =>
    Promise.all([window.release(), ...taken.map(([scope, key]) => giveBackDailyAllowance(scope, key, now))]);
  if (taken.length < dailyScopes(phone, context).length) {
    await giveBack();
    throw new AppError('RATE_LIMITED', '今日获取验证码次数已达上限，请明天再试');
  }

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  try {
    await sendVerificationSms(phone, code, purpose, CODE_LIFETIME_MS / 60_000);
  } catch (error) {
    await giveBack();
    throw error;
  }
  await new VerificationCodes().put(codeId(phone, purpose), {
    phone,
    purpose,
    codeHash: hashCode(phone, purpose, code),
    sentAt: now,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    wrongTries: 0,
    used: false,
  });
  return { resendAfter: RESEND_INTERVAL_MS / 1000 };
}

type DailyScope = [scope: string, key: string, cap: number];

/** The daily caps a send counts against: the phone's, the WeChat identity's and (when known) the client IP's. */
function dailyScopes(phone: string, context: SendContext): DailyScope[] {
  const scopes: DailyScope[] = [
    ['sms-phone', phone, DAILY_CAPS.phone],
    ['sms-openid', context.openid, DAILY_CAPS.openid],
  ];
  if (context.clientIp) scopes.push(['sms-ip', context.clientIp, DAILY_CAPS.clientIp]);
  return scopes;
}

/** Takes one use of each daily cap in turn, stopping at the first that is used up; answers those taken. */
async function takeDailyAllowances(phone: string, context: SendContext): Promise<DailyScope[]> {
  const taken: DailyScope[] = [];
  for (const scope of dailyScopes(phone, context)) {
    if (!(await takeDailyAllowance(scope[0], scope[1], scope[2], context.now))) break;
    taken.push(scope);
  }
  return taken;
}

/**
 * Uses up the code if it is right, live and not worn out by wrong tries; otherwise counts a wrong
 * try and refuses in plain words. Exact under concurrency: using the code is one conditional update.
 * `usedBy` (server/platform/idempotency.ts requestToken) marks whose request used it: a second run of that
 * same request, whose first run used the code but lost its answer, finds the code used by itself
 * and goes on as the first run did instead of answering that the code is dead.
 */
export async function consumeCode(
  phone: string,
  purpose: CodePurpose,
  code: string,
  now: Date,
  usedBy?: string,
): Promise<void> {
  const codes = new VerificationCodes();
  const id = codeId(phone, purpose);
  const _ = codes.command();
  const codeHash = hashCode(phone, purpose, code);
  const live = { _id: id, used: false, expiresAt: _.gt(now), wrongTries: _.lt(MAX_WRONG_TRIES) };
  if ((await codes.updateWhere({ ...live, codeHash }, { used: true, ...(usedBy ? { usedBy } : {}) })) === 1) return;
  if (usedBy && (await codes.findOne({ _id: id, used: true, usedBy, codeHash }))) return;
  const counted = await codes.updateWhere(live, { wrongTries: _.inc(1) });
  if (counted === 0) throw new AppError('INVALID_ARGUMENT', '验证码已失效，请重新获取');
  throw new AppError('INVALID_ARGUMENT', '验证码错误');
}

function codeId(phone: string, purpose: CodePurpose): string {
  return `${purpose}-${phone}`;
}

/** HMAC with a key from the environment: a leaked database alone does not give the live codes. */
function hashCode(phone: string, purpose: CodePurpose, code: string): string {
  return createHmac('sha256', secret('CODE_HASH_KEY')).update(`${phone}\n${purpose}\n${code}`).digest('hex');
}
