/**
 * The resident pass as home shows it (R7, P1, X3): the house, what is left of the exit quota, what the gate will
 * ask for, and the countdown to expiry — all in the resident's words.
 *
 * Times are kept in the phone's own clock, measured from when the request went out: phones' clocks are often
 * minutes off, and a code refreshed by the server's times would then be refreshed too late (or in a loop). The
 * function issues a code `RESIDENT_PASS_LIFETIME_S` before its `expiresAt`, so the offsets it answers are exact.
 */
import { RESIDENT_PASS_LIFETIME_S, type QuotaState, type ResidentPassResponse } from '../../core/api/pass';
import { nextShanghaiMidnight, shanghaiDate } from '../../core/time';

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
  house: string;
  /** 今日还可出门 2 次 · 出门不限次数 */
  quota: string;
  /** 共 3 次，已用 1 次 */
  quotaDetail: string;
  /** what the guard will ask for, or '' */
  requires: string;
}

export function passView(pass: ResidentPassResponse): PassView {
  const issuedAt = new Date(Date.parse(pass.expiresAt) - RESIDENT_PASS_LIFETIME_S * 1000);
  const requires = [
    pass.requires.temperature ? '出门需在门岗测量体温' : '',
    pass.requires.idRegistration ? '请带好身份证，首次出门需在门岗登记' : '',
  ];
  return { house: pass.house, ...quotaLines(pass.quota, issuedAt), requires: requires.filter(Boolean).join('；') };
}

/**
 * 今日 when the period ends tonight (a one-day period, or the last day of a longer one: what is left is left for
 * today), 本周期 otherwise; 全户 when the household shares the count.
 */
export function quotaLines(quota: QuotaState, now: Date): { quota: string; quotaDetail: string } {
  if (quota.remaining === null || quota.limit === null) return { quota: '出门不限次数', quotaDetail: '' };
  const endsAt = new Date(quota.periodEndsAt);
  const tonight = endsAt.getTime() === nextShanghaiMidnight(now).getTime();
  const who = quota.countingMode === 'perHousehold' ? '全户' : '';
  const reset = tonight ? '' : `，${monthDay(endsAt)}0点恢复`;
  return {
    quota: `${who}${tonight ? '今日' : '本周期'}还可出门 ${quota.remaining} 次`,
    quotaDetail: `共 ${quota.limit} 次，已用 ${quota.used} 次${reset}`,
  };
}

/** After a shake opened the door: the quota the function says is left, without fetching another code. */
export function quotaAfterExit(quota: QuotaState, remaining: number | null): QuotaState {
  if (remaining === null || quota.limit === null) return quota;
  return { ...quota, remaining, used: quota.limit - remaining };
}

/** 9:58 until expiry; 0:00 once void. */
export function countdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function monthDay(at: Date): string {
  const date = shanghaiDate(at);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
