/**
 * The resident pass as home shows it (R7, P1, X3): whose, the house, what is left of the exit quota, what the gate
 * will ask for, when the code refreshes itself — and, once a gate used it, where and when, and whether another may
 * be had — all in the resident's words.
 *
 * Times are kept in the phone's own clock, measured from when the request went out: phones' clocks are often
 * minutes off, and a code refreshed by the server's times would then be refreshed too late (or in a loop). The
 * function issues a code `RESIDENT_PASS_LIFETIME_S` before its `expiresAt`, so the offsets it answers are exact.
 */
import {
  RESIDENT_PASS_LIFETIME_S,
  type QuotaState,
  type ResidentPassResponse,
  type SpecialPassResponse,
} from '../../core/api/pass';
import { quotaExhaustedWords, quotaPeriodWord, resetWords } from '../../core/pass-rules';
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../../core/time';

export interface PassDeadlines {
  /** phone time (ms) to fetch the next code at */
  refreshAt: number;
  /** phone time (ms) the code is void at */
  expiresAt: number;
}

export function passDeadlines(pass: ResidentPassResponse, sentAt: number): PassDeadlines {
  const expiresAt = Date.parse(pass.expiresAt);
  const issuedAt = expiresAt - RESIDENT_PASS_LIFETIME_S * 1000;
  return { refreshAt: sentAt + (Date.parse(pass.refreshAt) - issuedAt), expiresAt: sentAt + (expiresAt - issuedAt) };
}

export interface PassView {
  holder: string;
  house: string;
  /** 今日还可出门 2 次 · 出门不限次数 */
  quota: string;
  /** 共 3 次，已用 1 次 */
  quotaDetail: string;
  /** what the guard will ask for, or '' */
  requires: string;
}

export function passView(pass: ResidentPassResponse): PassView {
  const requires = [
    pass.requires.temperature ? '出门需在门岗测量体温' : '',
    pass.requires.idRegistration ? '请带好身份证，首次出门需在门岗登记' : '',
  ];
  return {
    holder: pass.holder,
    house: pass.house,
    ...quotaLines(pass.quota, issueTime(pass)),
    requires: requires.filter(Boolean).join('；'),
  };
}

/**
 * A 专用通行证 in the shape home draws: the gate counts no exits for it (so no quota line can run out and 获取新通行证
 * stays offered after a use), and it asks nothing of the holder that the page must say.
 */
export function specialAsPass(pass: SpecialPassResponse): ResidentPassResponse {
  return {
    ...pass,
    house: pass.organisation,
    quota: { limit: null, used: 0, remaining: null, countingMode: 'perPerson', periodEndsAt: pass.expiresAt },
    requires: { temperature: false, idRegistration: false },
  };
}

/** 赵磊 · 顺丰快递, and in place of the quota the pass's kind and last day. */
export function specialView(pass: SpecialPassResponse): PassView {
  return {
    holder: pass.holder,
    house: pass.organisation,
    quota: `专用通行证 · 有效期至 ${pass.validTo}`,
    quotaDetail: '',
    requires: '',
  };
}

/** 今日 or 本周期 (core/pass-rules.ts, as the gate says it); 全户 when the household shares the count. */
export function quotaLines(quota: QuotaState, now: Date): { quota: string; quotaDetail: string } {
  if (quota.remaining === null || quota.limit === null) return { quota: '出门不限次数', quotaDetail: '' };
  const endsAt = new Date(quota.periodEndsAt);
  const word = quotaPeriodWord(endsAt, now);
  const who = quota.countingMode === 'perHousehold' ? '全户' : '';
  const reset = word === '今日' ? '' : `，${resetWords(endsAt, now)}恢复`;
  return {
    quota: `${who}${word}还可出门 ${quota.remaining} 次`,
    quotaDetail: `共 ${quota.limit} 次，已用 ${quota.used} 次${reset}`,
  };
}

/** After a shake opened the door: the quota the function says is left, without fetching another code. */
export function quotaAfterExit(quota: QuotaState, remaining: number | null): QuotaState {
  if (remaining === null || quota.limit === null) return quota;
  return { ...quota, remaining, used: quota.limit - remaining };
}

/** A code a gate let through: where and when, and whether the quota leaves another exit. */
export interface UsedView {
  /** 东门 · 11月25日 08:00 */
  where: string;
  /** another code may be had now */
  next: boolean;
  /** why not, when not: 今日 3 次出门次数已用完，明日 0 点恢复 */
  quotaSpent: string;
}

export function usedView(pass: ResidentPassResponse, gate: string, at: Date): UsedView {
  const left = quotaAfterExit(pass.quota, pass.quota.remaining === null ? null : pass.quota.remaining - 1);
  const next = left.remaining === null || left.remaining > 0;
  return {
    where: `${gate} · ${shanghaiMinute(at)}`,
    next,
    quotaSpent: next || left.limit === null ? '' : quotaExhaustedWords(left.limit, new Date(left.periodEndsAt), at),
  };
}

/**
 * Time to the code's own refresh, in words that cannot be read as a clock: 9 分钟后自动刷新, then 45 秒后自动刷新
 * (a 9:58 under a QR reads as the time of day, or as how long the gate will wait).
 */
export function refreshWords(msLeft: number): string {
  const seconds = Math.ceil(msLeft / 1000);
  if (seconds <= 0) return '正在刷新…';
  return seconds > 60 ? `${Math.round(seconds / 60)} 分钟后自动刷新` : `${seconds} 秒后自动刷新`;
}

function issueTime(pass: ResidentPassResponse): Date {
  return new Date(Date.parse(pass.expiresAt) - RESIDENT_PASS_LIFETIME_S * 1000);
}

/** 11月25日 08:00 in Asia/Shanghai, whatever the phone's time zone. */
function shanghaiMinute(at: Date): string {
  const date = shanghaiDate(at);
  const clock = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${clock}`;
}
