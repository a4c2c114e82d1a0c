import { createHash } from 'node:crypto';
import { AppError, isDuplicateKey } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';

/** Failures allowed before each further attempt must wait. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 15 * 60_000;
/**
 * How often one attempt re-reads after losing a claim to a concurrent one. Each lost claim means
 * another attempt won one, and only FREE_FAILURES claims can be won before the wait starts, so
 * this is never reached in practice; if it is, refusing is the safe answer.
 */
const MAX_CLAIM_ROUNDS = 10;
/** "no wait": a date every `now` is past, so a free attempt never blocks a concurrent one */
const NO_WAIT = new Date(0);

interface LoginFailures extends Stored {
  /** password checks claimed since the last success; each counts as a failure until it succeeds */
  count: number;
  retryAfter: Date;
}

class LoginFailureRepository extends Repository<LoginFailures> {
  constructor() {
    super('loginFailures');
  }
}

/** The wait after `failures` wrong passwords: none for the first 3, then 2 s, 4 s, 8 s … up to 15 minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES + 1));
}

/**
 * A growing delay after wrong passwords, kept per account *and* WeChat identity: a stranger who
 * keeps guessing only slows their own attempts, never the owner's on their own phone — no
 * lockout anyone can trigger on someone else's account.
 *
 * Each password check is claimed *before* it runs, by a compare-and-set on the failure count, and
 * counted as a failure until it succeeds: checking first and counting after let parallel guesses
 * all read "no failures yet" and all be checked (20 at once got 10–14 checks instead of 3).
 */
export class LoginDelay {
  private readonly failures = new LoginFailureRepository();
  private readonly id: string;

  constructor(account: string, openid: string) {
    this.id = createHash('sha256').update(`${account}\n${openid}`).digest('hex').slice(0, 40);
  }

  /** Claims one password check, or refuses with RATE_LIMITED and the seconds left to wait. */
  async claimAttempt(now: Date): Promise<void> {
    const _ = this.failures.command();
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round += 1) {
      const record = await this.failures.get(this.id);
      if (record && record.retryAfter > now) throw waiting(record.retryAfter, now);
      const count = (record?.count ?? 0) + 1;
      const wait = delayAfter(count);
      const claim = { count, retryAfter: wait ? new Date(now.getTime() + wait) : NO_WAIT };
      if (!record) {
        if (await this.insertFirst(claim)) return;
      } else if (
        (await this.failures.updateWhere({ _id: this.id, count: record.count, retryAfter: _.lte(now) }, claim)) === 1
      ) {
        return;
      }
      // a concurrent attempt claimed first: read what it left and judge again
    }
    throw new AppError('RATE_LIMITED', '密码错误次数过多，请稍后再试');
  }

  /** The right password: the failures are forgiven. */
  async clear(): Promise<void> {
    await this.failures.remove(this.id);
  }

  private async insertFirst(claim: Omit<LoginFailures, '_id'>): Promise<boolean> {
    try {
      await this.failures.insert({ _id: this.id, ...claim });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
  }
}

function waiting(retryAfter: Date, now: Date): AppError {
  const seconds = Math.ceil((retryAfter.getTime() - now.getTime()) / 1000);
  return new AppError('RATE_LIMITED', `密码错误次数过多，请${seconds}秒后再试`);
}
