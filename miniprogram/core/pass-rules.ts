/**
 * 住户通行证 rules (P2–P4, P10): whether a resident may go out now, and what that uses up. Pure:
 * the `pass`/`gate` functions decide with it, and the home page explains a refusal with the same
 * words. All days, periods and windows are Asia/Shanghai (fixed UTC+8, see time.ts).
 */
import { SHANGHAI_OFFSET_MS, nextShanghaiMidnight, shanghaiDate } from './time';

/** 出门计算方式: 一人一次 counts each person; 一户一次 counts the whole household together. */
export type CountingMode = 'perPerson' | 'perHousehold';

export interface ExitWindow {
  /** `HH:mm`, Asia/Shanghai; a window whose end is before its start runs past midnight */
  start: string;
  end: string;
}

export interface ResidentPassSettings {
  countingMode: CountingMode;
  /** 出门间隔周期: a period of this many natural days, starting at local midnight */
  periodDays: number;
  /** 周期内可出门次数: 0 = unlimited, -1 = no exit, N = N exits per period */
  exitsPerPeriod: number;
  /** 可出门时间段: empty = any time */
  exitWindows: ExitWindow[];
  /** 身份证记录: a resident without a registered ID registers it at the gate first */
  requireIdRegistration: boolean;
  /** 体温记录: every guard release, of every pass type, records a temperature */
  requireTemperature: boolean;
  /** the first day of the first period, `YYYY-MM-DD`: periods are counted from here */
  periodAnchor: string;
}

/** 限制出入 for one house: banned, or its own exit count instead of the site's. */
export type HouseRestriction = { kind: 'banned' } | { kind: 'ownQuota'; exitsPerPeriod: number };

export const DEFAULT_RESIDENT_PASS_SETTINGS: ResidentPassSettings = {
  countingMode: 'perPerson',
  periodDays: 1,
  exitsPerPeriod: 0,
  exitWindows: [],
  requireIdRegistration: false,
  requireTemperature: false,
  periodAnchor: '2024-01-01',
};

export interface Period {
  /** first day of the period, `YYYY-MM-DD`: part of the quota counter's id */
  start: string;
  /** the instant the next period begins */
  endsAt: Date;
}

export type ExitDecision =
  | {
      allowed: true;
      period: Period;
      /** exits allowed in this period; null = unlimited */
      limit: number | null;
      /** the counter is per person or per household */
      countingMode: CountingMode;
    }
  | { allowed: false; code: 'HOUSE_RESTRICTED' | 'QUOTA_EXHAUSTED' | 'OUTSIDE_HOURS'; message: string };

/**
 * May a resident go out at `now`? Checks the house restriction, the exit count (without knowing
 * how much is used: the caller takes one from the counter for `period` atomically, up to `limit`)
 * and the time windows.
 */
export function decideExit(
  settings: ResidentPassSettings,
  restriction: HouseRestriction | undefined,
  now: Date,
): ExitDecision {
  if (restriction?.kind === 'banned') {
    return { allowed: false, code: 'HOUSE_RESTRICTED', message: '您所在的房屋已被限制出入，请联系物业' };
  }
  const exits = restriction?.kind === 'ownQuota' ? restriction.exitsPerPeriod : settings.exitsPerPeriod;
  if (exits === -1) return { allowed: false, code: 'QUOTA_EXHAUSTED', message: '当前小区暂停住户出门，请联系物业' };
  if (!insideWindows(settings.exitWindows, now)) {
    return {
      allowed: false,
      code: 'OUTSIDE_HOURS',
      message: `当前不在可出门时间段（${describeWindows(settings.exitWindows)}），${nextWindowWords(settings.exitWindows, now)} 起可出门`,
    };
  }
  return {
    allowed: true,
    period: periodOf(settings, now),
    limit: exits === 0 ? null : exits,
    countingMode: settings.countingMode,
  };
}

/** The quota refusal once the counter says the period's exits are used up: when they come back, in words. */
export function quotaExhausted(period: Period, limit: number, now: Date): ExitDecision & { allowed: false } {
  return { allowed: false, code: 'QUOTA_EXHAUSTED', message: quotaExhaustedWords(limit, period.endsAt, now) };
}

/** 今日 3 次出门次数已用完，明日 0 点恢复: the gate's refusal and home's spent code say it alike. */
export function quotaExhaustedWords(limit: number, periodEndsAt: Date, now: Date): string {
  return `${quotaPeriodWord(periodEndsAt, now)} ${limit} 次出门次数已用完，${resetWords(periodEndsAt, now)}恢复`;
}

/**
 * The one word for the quota's period, on the gate's refusals and on home alike: 今日 when the period ends
 * tonight (a one-day period, or the last day of a longer one: what is left is left for today), 本周期 otherwise.
 */
export function quotaPeriodWord(periodEndsAt: Date, now: Date): '今日' | '本周期' {
  return periodEndsAt.getTime() <= nextShanghaiMidnight(now).getTime() ? '今日' : '本周期';
}

/** When a period's exits come back, as a resident says it: 明日 0 点, or 12月3日 0 点 further off. */
export function resetWords(periodEndsAt: Date, now: Date): string {
  return `${dayWords(periodEndsAt, now)} 0 点`;
}

/** The start of the next exit window after `now`: 今日 05:00, 明日 05:00. */
export function nextWindowWords(windows: readonly ExitWindow[], now: Date): string {
  const minute = minuteOfShanghaiDay(now);
  const starts = windows.map((w) => minutesOf(w.start)).sort((a, b) => a - b);
  const today = starts.find((start) => start > minute);
  const start = today ?? starts[0] ?? 0;
  const hhmm = `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
  return `${today === undefined ? '明日' : '今日'} ${hhmm}`;
}

/** A later day as a resident names it from `now`: 明日, or 12月3日. */
function dayWords(at: Date, now: Date): string {
  if (dayNumber(shanghaiDate(at)) === dayNumber(shanghaiDate(now)) + 1) return '明日';
  const date = shanghaiDate(at);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The period `now` falls in: blocks of `periodDays` natural days counted from `periodAnchor`. */
export function periodOf(settings: Pick<ResidentPassSettings, 'periodDays' | 'periodAnchor'>, now: Date): Period {
  const days = Math.max(1, Math.floor(settings.periodDays));
  const today = dayNumber(shanghaiDate(now));
  const anchor = dayNumber(settings.periodAnchor);
  const index = Math.floor((today - anchor) / days);
  const startDay = anchor + index * days;
  return {
    start: dateOfDayNumber(startDay),
    endsAt: new Date((startDay + days) * 86_400_000 - SHANGHAI_OFFSET_MS),
  };
}

/** Is `now` inside one of the windows (any time when there are none)? */
export function insideWindows(windows: readonly ExitWindow[], now: Date): boolean {
  if (windows.length === 0) return true;
  const minute = minuteOfShanghaiDay(now);
  return windows.some(({ start, end }) => {
    const from = minutesOf(start);
    const to = minutesOf(end);
    // [start, end): a window 07:00–22:00 admits 21:59 but not 22:00; 22:00–06:00 runs past midnight
    return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  });
}

export function isTimeOfDay(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

export function describeWindows(windows: readonly ExitWindow[]): string {
  return windows.length === 0 ? '全天' : windows.map((w) => `${w.start}-${w.end}`).join('、');
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function minuteOfShanghaiDay(at: Date): number {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
