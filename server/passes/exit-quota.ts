import type { Period } from '../../miniprogram/core/pass-rules';
import { isDuplicateKey } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';

/**
 * Exit counters (出门次数): one document per site, subject (a person, or a household for 一户一次)
 * and period, with a fixed id. An exit is taken with one conditional update that only succeeds
 * while `used < limit` and the pass has not been counted — so 100 exits at once against a limit of
 * N grant exactly N, and a retried release never counts twice.
 */
export interface ExitCounter extends Stored {
  siteId: string;
  /** exactly one of userId / houseId: who the counter counts */
  userId?: string;
  houseId?: string;
  period: string;
  used: number;
  /** the passes (or openings) counted, so a retry recognises its own */
  passes: string[];
  expiresAt: Date;
}

export interface CounterSubject {
  siteId: string;
  userId?: string;
  houseId?: string;
}

export class ExitCounters extends Repository<ExitCounter> {
  constructor() {
    super('exitCounters');
  }

  static idOf(subject: CounterSubject, period: Period): string {
    const who = subject.houseId ? `h-${subject.houseId}` : `u-${subject.userId}`;
    return `${subject.siteId}-${who}-${period.start}`;
  }

  /**
   * Takes one exit for `passId` if fewer than `limit` are used; true also when `passId` was counted
   * before. `exists` (what the caller read a moment ago) saves a call: the period's first exit
   * goes straight to creating the counter, every later one straight to the conditional update.
   */
  async take(subject: CounterSubject, period: Period, limit: number, passId: string, exists = true): Promise<boolean> {
    const id = ExitCounters.idOf(subject, period);
    const _ = this.command();
    let create = !exists;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (create && (await this.create(id, subject, period, passId))) return true;
      create = false;
      const taken = await this.updateWhere(
        { _id: id, used: _.lt(limit), passes: _.neq(passId) },
        { used: _.inc(1), passes: _.push([passId]) },
      );
      if (taken === 1) return true;
      const counter = await this.get(id);
      if (counter?.passes.includes(passId)) return true;
      if (counter) return false;
      create = true;
    }
    return false;
  }

  /** Creates the period's counter with this first exit; false when another exit created it first. */
  private async create(id: string, subject: CounterSubject, period: Period, passId: string): Promise<boolean> {
    try {
      await this.insert({
        _id: id,
        ...subject,
        period: period.start,
        used: 1,
        passes: [passId],
        expiresAt: period.endsAt,
      });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
  }

  /**
   * Gives back the exit counted for `passId` — only for an opening that did not happen (the door
   * did not answer). Never for a pass that lost a single-use race: its count is the winner's.
   */
  async giveBack(subject: CounterSubject, period: Period, passId: string): Promise<void> {
    const _ = this.command();
    await this.updateWhere(
      { _id: ExitCounters.idOf(subject, period), passes: passId },
      { used: _.inc(-1), passes: _.pull(passId) },
    );
  }
}

/**
 * How many exits a counter document says are used in `period` (0 when there is none yet), not
 * counting the one `passId` holds, if any.
 */
export function usedIn(
  counters: readonly ExitCounter[],
  subject: CounterSubject,
  period: Period,
  passId?: string,
): number {
  const id = ExitCounters.idOf(subject, period);
  const counter = counters.find((c) => c._id === id);
  if (!counter) return 0;
  return counter.used - (passId !== undefined && counter.passes.includes(passId) ? 1 : 0);
}
