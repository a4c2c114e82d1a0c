import type { Clock } from './types';

/**
 * Real time plus a shift; `/_dev/clock` and tests move it to cross midnights and expiry edges.
 * Frozen, it stands still at one moment: a test of a time window (a 2 s login delay, a 60 s resend
 * window) then asserts exact counts however slowly a loaded machine runs the calls.
 */
export function createClock(): Clock {
  let offset = 0;
  let frozenAt: number | undefined;
  return {
    now: () => frozenAt ?? Date.now() + offset,
    // functions add this to their own Date.now() at the start of an invocation: frozen, each one starts at frozenAt
    offsetMs: () => (frozenAt === undefined ? offset : frozenAt - Date.now()),
    setOffset(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError('clock offset must be a finite number of milliseconds');
      offset = Math.trunc(ms);
      // a frozen clock jumps and stays frozen at the new moment
      if (frozenAt !== undefined) frozenAt = Date.now() + offset;
    },
    // exact while frozen: reading Date.now() twice (once for the shift, once to freeze) drifted by a millisecond
    setNow(at: number) {
      if (!Number.isFinite(at)) throw new RangeError('clock instant must be a finite number of milliseconds');
      offset = Math.trunc(at) - Date.now();
      if (frozenAt !== undefined) frozenAt = Math.trunc(at);
    },
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError('clock advance must be a finite number of milliseconds');
      offset += Math.trunc(ms);
      if (frozenAt !== undefined) frozenAt += Math.trunc(ms);
    },
    frozen: () => frozenAt !== undefined,
    setFrozen(frozen: boolean) {
      if (frozen) frozenAt ??= Date.now() + offset;
      else if (frozenAt !== undefined) {
        // time runs on from where it stood
        offset = frozenAt - Date.now();
        frozenAt = undefined;
      }
    },
  };
}
