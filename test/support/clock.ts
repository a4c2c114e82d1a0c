import type { AppCloud } from './app-cloud';
import { nextShanghaiMidnight } from '../../miniprogram/core/time';

/**
 * localcloud's clock, which the functions read (the phones keep their own time). Tests move it in process: the
 * `/_dev/clock` endpoint that does the same over HTTP has tests of its own in test/localcloud.
 */

/** Jumps the clock to `at` and lets it run on from there. */
export function setClock(cloud: AppCloud, at: Date): void {
  cloud.lc.clock.setNow(at.getTime());
}

/** Moves the clock on by `ms` (never back, where codes and markers remember when they were made). */
export function advanceClock(cloud: AppCloud, ms: number): void {
  cloud.lc.clock.advance(ms);
}

/** Back to real time. */
export function resetClock(cloud: AppCloud): void {
  cloud.lc.clock.setOffset(0);
}

/**
 * Stops the clock at `at`: a round of parallel calls then sees one moment however long a loaded machine takes to run
 * it, so a time window (the 2 s login delay, the 60 s resend window) cannot open in the middle and counts are exact.
 */
export function freezeClock(cloud: AppCloud, at: Date): void {
  cloud.lc.clock.setFrozen(true);
  setClock(cloud, at);
}

/**
 * Jumps the clock forward to 10:00 tomorrow, Shanghai time. For a test of a per-day count (SMS codes a day, guesses
 * a day): started on the real clock near midnight China time — CI runs at any hour — its count would reset halfway.
 * Forward, never back, where codes and markers remember when they were made.
 */
export function startTomorrowMorning(cloud: AppCloud): void {
  setClock(cloud, new Date(nextShanghaiMidnight(new Date()).getTime() + 10 * 3_600_000));
}
