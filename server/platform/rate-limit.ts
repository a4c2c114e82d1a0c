import { createHash } from 'node:crypto';
import { nextShanghaiMidnight, shanghaiDate } from '../../miniprogram/core/time';
import { isDuplicateKey } from './errors';
import { Repository, type Stored } from './repository';

interface DailyCounter extends Stored {
  scope: string;
  /** the window the count is for: a date, a minute (`m…`) or `hold` (claimWindow) */
  day: string;
  count: number;
  expiresAt: Date;
}

class DailyCounters extends Repository<DailyCounter> {
  constructor() {
    super('rateCounters');
  }
}

/**
 * Takes one use of a daily allowance (`cap` per Asia/Shanghai day) for `key` in `scope`, e.g. SMS
 * sends per phone. Exact under concurrency: the counter is one document with a fixed id, taken
 * with a conditional increment that only `cap` callers can win.
 */
export function takeDailyAllowance(scope: string, key: string, cap: number, now: Date): Promise<boolean> {
  return takeAllowance(scope, key, cap, shanghaiDate(now), nextShanghaiMidnight(now));
}

/**
 * Gives back one use taken with takeDailyAllowance at the same `now`, when what it was taken for
 * did not happen (the SMS was not sent): only what happened counts against the day.
 */
export async function giveBackDailyAllowance(scope: string, key: string, now: Date): Promise<void> {
  const counters = new DailyCounters();
  const _ = counters.command();
  await counters.updateWhere({ _id: counterId(scope, key, shanghaiDate(now)), count: _.gt(0) }, { count: _.inc(-1) });
}

/** The same per clock minute: a burst limit (e.g. requests per QR door device). */
export function takeMinuteAllowance(scope: string, key: string, cap: number, now: Date): Promise<boolean> {
  const minute = Math.floor(now.getTime() / 60_000);
  return takeAllowance(scope, key, cap, `m${minute}`, new Date((minute + 1) * 60_000));
}

/** The id of `key`'s counter for the clock minute of `now`: a caller may read it with its other data, in one call. */
export function minuteCounterId(scope: string, key: string, now: Date): string {
  return counterId(scope, key, `m${Math.floor(now.getTime() / 60_000)}`);
}

/**
 * takeMinuteAllowance for a caller that read the minute's counter already (`counter`, or undefined when there was
 * none): one write in the common case, the window's first use included. A counter read at its cap is a refusal
 * without a write: within its minute a count only grows.
 */
export async function takeReadMinuteAllowance(
  scope: string,
  key: string,
  cap: number,
  now: Date,
  counter: { count: number } | undefined,
): Promise<boolean> {
  if (counter && counter.count >= cap) return false;
  const minute = Math.floor(now.getTime() / 60_000);
  return takeAllowance(scope, key, cap, `m${minute}`, new Date((minute + 1) * 60_000), counter ? 'update' : 'insert');
}

/** A window held by one caller; `release` frees it when what it was claimed for did not happen. */
export interface WindowHold {
  release(): Promise<void>;
}

/**
 * Claims `key`'s window of `windowMs` from `now` (e.g. one SMS per 60 s per phone), or answers when
 * the current holder's window ends. Of any number of claims at once exactly one wins: the window is
 * one document, taken by a conditional update on its end (or by creating it, which only one can).
 */
export async function claimWindow(
  scope: string,
  key: string,
  windowMs: number,
  now: Date,
): Promise<WindowHold | { busyUntil: Date }> {
  const counters = new DailyCounters();
  const _ = counters.command();
  const id = counterId(scope, key, 'hold');
  const until = new Date(now.getTime() + windowMs);
  const hold: WindowHold = {
    // only this claim's hold: a later claim has a later end, and is left alone
    release: () => counters.updateWhere({ _id: id, expiresAt: until }, { expiresAt: new Date(0) }).then(() => {}),
  };
  const take = () => counters.updateWhere({ _id: id, expiresAt: _.lte(now) }, { expiresAt: until, count: _.inc(1) });
  if ((await take()) === 1) return hold;
  try {
    await counters.insert({ _id: id, scope, day: 'hold', count: 1, expiresAt: until });
    return hold;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  if ((await take()) === 1) return hold;
  // the winner's end; were its document already gone, a whole window is the safe answer
  return { busyUntil: (await counters.get(id))?.expiresAt ?? until };
}

/**
 * One use of `cap` in the window named `window` (which ends at `expiresAt`). `first`: what to try first — the
 * increment of an existing counter (the common case, one call) or, when the caller knows there is none yet, its
 * creation (also one call); whichever fails falls back to the other.
 */
async function takeAllowance(
  scope: string,
  key: string,
  cap: number,
  window: string,
  expiresAt: Date,
  first: 'update' | 'insert' = 'update',
): Promise<boolean> {
  const counters = new DailyCounters();
  const id = counterId(scope, key, window);
  const _ = counters.command();
  const increment = async () => (await counters.updateWhere({ _id: id, count: _.lt(cap) }, { count: _.inc(1) })) === 1;
  if (first === 'update' && (await increment())) return true;
  try {
    await counters.insert({ _id: id, scope, day: window, count: 1, expiresAt });
    return cap >= 1;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return increment();
}

function counterId(scope: string, key: string, window: string): string {
  return createHash('sha256').update(`${scope}\n${key}\n${window}`).digest('hex').slice(0, 40);
}
