import { createHash } from 'node:crypto';
import { AppError, isDuplicateKey } from '../errors';
import { Repository, type Stored } from '../repository';

/** Failures allowed before each further attempt must wait. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 15 * 60_000;

interface LoginFailures extends Stored {
  count: number;
  retryAfter: Date;
}

class LoginFailureRepository extends Repository<LoginFailures> {
  constructor() {
    super('loginFailures');
  }
}

/**
 * A growing delay after wrong passwords, kept per account *and* WeChat identity: a stranger who
 * keeps guessing only slows their own attempts, never the owner's on their own phone — no
 * lockout anyone can trigger on someone else's account. After 3 failures: 2 s, 4 s, 8 s … up to
 * 15 minutes between attempts.
 */
export class LoginDelay {
  private readonly failures = new LoginFailureRepository();
  private readonly id: string;

  constructor(account: string, openid: string) {
    this.id = createHash('sha256').update(`${account}\n${openid}`).digest('hex').slice(0, 40);
  }

  async refuseIfWaiting(now: Date): Promise<void> {
    const record = await this.failures.get(this.id);
    if (!record || record.retryAfter <= now) return;
    const seconds = Math.ceil((record.retryAfter.getTime() - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', `密码错误次数过多，请${seconds}秒后再试`);
  }

  async recordFailure(now: Date): Promise<void> {
    const record = await this.failures.get(this.id);
    const count = (record?.count ?? 0) + 1;
    const delay = count <= FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (count - FREE_FAILURES));
    const retryAfter = new Date(now.getTime() + delay);
    if (record) await this.failures.update(this.id, { count: this.failures.command().inc(1), retryAfter });
    else {
      try {
        await this.failures.insert({ _id: this.id, count, retryAfter });
      } catch (error) {
        // two failures at once: the other created the record; count this one on it
        if (!isDuplicateKey(error)) throw error;
        await this.failures.update(this.id, { count: this.failures.command().inc(1) });
      }
    }
  }

  async clear(): Promise<void> {
    await this.failures.remove(this.id);
  }
}
