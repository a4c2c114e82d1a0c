import { createHash } from 'node:crypto';
import { nextShanghaiMidnight, shanghaiDate } from '../miniprogram/core/time';
import { isDuplicateKey } from './errors';
import { Repository, type Stored } from './repository';

interface DailyCounter extends Stored {
  scope: string;
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

/** The same per clock minute: a burst limit (e.g. requests per QR door device). */
export function takeMinuteAllowance(scope: string, key: string, cap: number, now: Date): Promise<boolean> {
  const minute = Math.floor(now.getTime() / 60_000);
  return takeAllowance(scope, key, cap, `m${minute}`, new Date((minute + 1) * 60_000));
}

/** One use of `cap` in the window named `window` (which ends at `expiresAt`). */
async function takeAllowance(
  scope: string,
  key: string,
  cap: number,
  window: string,
  expiresAt: Date,
): Promise<boolean> {
  const counters = new DailyCounters();
  const id = createHash('sha256').update(`${scope}\n${key}\n${window}`).digest('hex').slice(0, 40);
  const _ = counters.command();
  // the common case, an existing counter, costs one call; the window's first use creates it
  if ((await counters.updateWhere({ _id: id, count: _.lt(cap) }, { count: _.inc(1) })) === 1) return true;
  try {
    await counters.insert({ _id: id, scope, day: window, count: 1, expiresAt });
    return cap >= 1;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return (await counters.updateWhere({ _id: id, count: _.lt(cap) }, { count: _.inc(1) })) === 1;
}
