import type { Clock } from './types';

/** Real time plus a shift; `/_dev/clock` and tests move it to cross midnights and expiry edges. */
export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    offsetMs: () => offset,
    setOffset(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError('clock offset must be a finite number of milliseconds');
      offset = Math.trunc(ms);
    },
  };
}
