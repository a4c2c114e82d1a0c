/**
 * Time in page tests. The phone's clock is jest's fake timers, Date included, set to keep following real time
 * (`advanceTimers`), so localcloud, the pages and `waitUntil` run as usual; `later` makes minutes pass at once: the
 * pages' timers fire and their Date.now() moves. The functions run in their own processes on real time plus
 * localcloud's offset (`/_dev/clock`), which `later` and `setServerClock` move.
 *
 *   usePhoneClock();                                   // in the test file, after usePageTests()
 *   await setServerClock(app.cloud, cst('2026-11-25 08:00'));
 *   await later(app.cloud, 9 * 60_000);
 */
import { shanghaiDate } from '../../../miniprogram/core/time';
import type { AppCloud } from '../../support/app-cloud';
import { cst } from '../../support/fixtures';

export function usePhoneClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({ advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}

/** Whether the test file runs on the phone clock (sinon's fake timers mark the functions they replace). */
export function phoneClockInstalled(): boolean {
  return 'clock' in setTimeout;
}

function requirePhoneClock(what: string): void {
  if (!phoneClockInstalled()) throw new Error(`${what} needs the phone clock: call usePhoneClock() in the test file`);
}

/** Moves the functions' clock so that it reads `at` now (localcloud's `POST /_dev/clock`). */
export async function setServerClock(cloud: AppCloud, at: Date): Promise<void> {
  // the offset is from real time, which the functions run on, whatever the phone's clock says
  const realNow = phoneClockInstalled() ? jest.getRealSystemTime() : Date.now();
  await postClock(cloud, { offsetMs: at.getTime() - realNow });
}

/**
 * Before each test the functions' clock reads 10:00 today, Shanghai time: inside the demo site's exit hours
 * (05:00–23:30) whenever the suite runs. CI may run at night China time, when a pass fetched on the real clock is
 * refused OUTSIDE_HOURS.
 */
export function useDaytimeServerClock(app: { readonly cloud: AppCloud }): void {
  beforeEach(() => setServerClock(app.cloud, cst(`${shanghaiDate(new Date())} 10:00`)));
}

/** `ms` pass, for the phone (its timers fire in order, its clock moves) and for the functions. */
export async function later(cloud: AppCloud, ms: number): Promise<void> {
  requirePhoneClock('later()');
  await postClock(cloud, { advanceMs: ms });
  await jest.advanceTimersByTimeAsync(ms);
}

/** The phone's clock moves `ms` (its due timers fire); the functions' clock is left alone. */
export function phoneTimePasses(ms: number): void {
  requirePhoneClock('phoneTimePasses()');
  jest.advanceTimersByTime(ms);
}

async function postClock(cloud: AppCloud, body: object): Promise<void> {
  const response = await fetch(`${cloud.lc.url}/_dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/_dev/clock answered ${response.status}: ${await response.text()}`);
}
