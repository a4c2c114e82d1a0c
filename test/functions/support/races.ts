import type { Envelope } from '../../../miniprogram/core/envelope';
import type { AppCloud } from '../../support/app-cloud';

/**
 * Helpers for concurrency tests through the dev gateway. Calls that reach cold instances do not
 * race: the first has finished before the others have started (a cold start takes ~200 ms), so a
 * test of "N at once" would pass even with the atomic step removed. `warmInstances` starts as
 * many instances as localcloud runs per function (10) first, so the calls really overlap.
 */

/** localcloud's instances per function (FunctionRunner's default `maxInstances`) */
export const INSTANCES_PER_FUNCTION = 10;

/** 20 rounds of 2–50 parallel calls: small races (where an off-by-one shows) and bursts past the instances. */
export const ROUND_SIZES = [2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 20, 25, 30, 35, 40, 45, 50, 3, 10, 50] as const;

/** Starts every instance of `fn` with a cheap action (one that every function answers without a database call). */
export async function warmInstances(app: AppCloud, fn: string): Promise<void> {
  await Promise.all(
    Array.from({ length: INSTANCES_PER_FUNCTION }, () => app.call(fn, { action: 'no-such-action' }, 'wx-warm-up')),
  );
}

/**
 * Stops the functions' clock at `at` (an ISO time with its offset, e.g. `2030-03-01T09:00:00+08:00`):
 * a round then sees one moment however long a loaded machine takes to run it, so a time window
 * (the 2 s login delay, the 60 s resend window) cannot open in the middle and counts are exact.
 */
export async function freezeClock(app: AppCloud, at: string): Promise<void> {
  const res = await fetch(`${app.lc.url}/_dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at, frozen: true }),
  });
  if (!res.ok) throw new Error(`/_dev/clock answered ${res.status}: ${await res.text()}`);
}

/** How many answers had each outcome: `ok` or the refusal's code. */
export function tally(answers: Array<Envelope<unknown>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.ok ? 'ok' : answer.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
