import { createHash } from 'node:crypto';
import { nextShanghaiMidnight, shanghaiDate } from '../../miniprogram/core/time';
import { AppError, isDuplicateKey } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';

/**
 * Phone checks a card may be put to per Asia/Shanghai day: per caller (a WeChat identity), and per
 * card — new WeChat identities are cheap, so the card's own limit is what bounds a guesser.
 */
export const PHONE_GUESS_CAPS = { caller: 5, card: 10 } as const;

interface GuessCounter extends Stored {
  scope: 'caller' | 'card';
  day: string;
  count: number;
  expiresAt: Date;
}

class PhoneGuessCounters extends Repository<GuessCounter> {
  constructor() {
    super('cardPhoneGuesses');
  }

  /** One use of the day's allowance, or false: a conditional increment only `cap` callers can win. */
  async claim(id: string, scope: GuessCounter['scope'], cap: number, now: Date): Promise<boolean> {
    const _ = this.command();
    if ((await this.updateWhere({ _id: id, count: _.lt(cap) }, { count: _.inc(1) })) === 1) return true;
    try {
      await this.insert({ _id: id, scope, day: shanghaiDate(now), count: 1, expiresAt: nextShanghaiMidnight(now) });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return (await this.updateWhere({ _id: id, count: _.lt(cap) }, { count: _.inc(1) })) === 1;
  }

  async giveBack(id: string): Promise<void> {
    const _ = this.command();
    await this.updateWhere({ _id: id, count: _.gt(0) }, { count: _.inc(-1) });
  }
}

/**
 * Checks `given` against the card's registered phone as one guess of a limited few: without a
 * limit, the two answers (mismatch, or a code sent) let anyone find a card's phone by trying.
 * A guess is claimed from the caller's and the card's daily allowance *before* the phones are
 * compared, so parallel guesses cannot exceed it, and once either is used up the answer is
 * RATE_LIMITED whether the phone is right or wrong — the limit cannot be used to confirm a phone.
 * A right phone gives its claims back: only wrong guesses count.
 */
export async function checkCardPhone(
  caller: string,
  card: { siteId: string; number: string; phone: string },
  given: string,
  now: Date,
): Promise<void> {
  const counters = new PhoneGuessCounters();
  const day = shanghaiDate(now);
  const callerId = counterId('caller', caller, day);
  const cardId = counterId('card', `${card.siteId}\n${card.number}`, day);
  if (!(await counters.claim(callerId, 'caller', PHONE_GUESS_CAPS.caller, now))) refuse();
  if (!(await counters.claim(cardId, 'card', PHONE_GUESS_CAPS.card, now))) {
    await counters.giveBack(callerId);
    refuse();
  }
  if (given !== card.phone) throw new AppError('INVALID_ARGUMENT', '手机号与该卡登记的手机号不一致');
  await Promise.all([counters.giveBack(callerId), counters.giveBack(cardId)]);
}

function refuse(): never {
  throw new AppError('RATE_LIMITED', '该卡今日核对手机号的次数已达上限，请明天再试');
}

function counterId(scope: GuessCounter['scope'], key: string, day: string): string {
  return createHash('sha256').update(`${scope}\n${key}\n${day}`).digest('hex').slice(0, 40);
}
