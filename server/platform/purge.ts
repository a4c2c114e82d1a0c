import { database } from './cloud';

/**
 * Documents that mean nothing once their `expiresAt` has passed: idempotency answers (kept 24 h), SMS codes, rate
 * counters, exit counters of ended periods, card phone guesses, and finished outbox entries (given an `expiresAt` 30 days on when they are done; a pending one
 * has none and stays). Every reader already ignores them by `expiresAt`; left in place they only grow the
 * collections (an exit counter per resident per period, an answer per mutating call). The platform's database has
 * no TTL index, so a daily timer removes them (the `admin` function's `purge` trigger).
 */
export const EXPIRING_COLLECTIONS = [
  'requests',
  'verificationCodes',
  'rateCounters',
  'exitCounters',
  'cardPhoneGuesses',
  'outbox',
] as const;

/**
 * Kept a day past their expiry all the same: a clock a little behind on another instance, or a retry arriving late,
 * still finds what it expects; nothing reads a document this old.
 */
export const PURGE_GRACE_MS = 24 * 3600_000;

/** Removes what expired more than the grace ago; one indexed `remove` per collection. Answers the counts removed. */
export async function purgeExpired(now: Date): Promise<Record<(typeof EXPIRING_COLLECTIONS)[number], number>> {
  const db = database();
  const before = new Date(now.getTime() - PURGE_GRACE_MS);
  const removed = {} as Record<(typeof EXPIRING_COLLECTIONS)[number], number>;
  for (const name of EXPIRING_COLLECTIONS) {
    const { stats } = await db
      .collection(name)
      .where({ expiresAt: db.command.lt(before) })
      .remove();
    removed[name] = stats.removed;
  }
  return removed;
}
