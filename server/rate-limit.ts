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
export async function takeDailyAllowance(scope: string, key: string, cap: number, now: Date): Promise<boolean> {
  const counters = new DailyCounters();
  const day = shanghaiDate(now);
  const id = createHash('sha256').update(`${scope}\n${key}\n${day}`).digest('hex').slice(0, 40);
  try {
    await counters.insert({ _id: id, scope, day, count: 0, expiresAt: nextShanghaiMidnight(now) });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const _ = counters.command();
  return (await counters.updateWhere({ _id: id, count: _.lt(cap) }, { count: _.inc(1) })) === 1;
}
