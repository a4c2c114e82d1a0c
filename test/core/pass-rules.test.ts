import * as fc from 'fast-check';
import {
  DEFAULT_RESIDENT_PASS_SETTINGS,
  decideExit,
  describeWindows,
  insideWindows,
  periodOf,
  quotaExhausted,
  type ResidentPassSettings,
} from '../../miniprogram/core/pass-rules';
import { nextShanghaiMidnight, shanghaiDate } from '../../miniprogram/core/time';

// The resident pass rules (P2–P4, P10) in Asia/Shanghai, checked against ICU's own time-zone data.

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai → the instant. */
const cst = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const settings = (over: Partial<ResidentPassSettings> = {}): ResidentPassSettings => ({
  ...DEFAULT_RESIDENT_PASS_SETTINGS,
  ...over,
});

/** Any instant from 1995 to 2100. */
const instant = fc.date({
  min: new Date('1995-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});

const icuDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('Asia/Shanghai days', () => {
  test('the fixed UTC+8 offset agrees with the time-zone database on every date (no daylight saving)', () => {
    fc.assert(fc.property(instant, (at) => expect(shanghaiDate(at)).toBe(icuDate.format(at))));
  });

  test('a day turns at 00:00 Shanghai, which is 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(shanghaiDate(new Date('2026-11-22T16:00:00.000Z'))).toBe('2026-11-23');
    expect(nextShanghaiMidnight(cst('2026-11-22 23:59'))).toEqual(new Date('2026-11-22T16:00:00Z'));
  });

  test('the next midnight is always later, within a day, and starts a new date', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const next = nextShanghaiMidnight(at);
        expect(next.getTime()).toBeGreaterThan(at.getTime());
        expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(86_400_000);
        expect(shanghaiDate(next)).not.toBe(shanghaiDate(at));
        expect(shanghaiDate(new Date(next.getTime() - 1))).toBe(shanghaiDate(at));
      }),
    );
  });
});

describe('periods of natural days', () => {
  test('a 1-day period rolls over at midnight Shanghai time', () => {
    const s = settings({ periodDays: 1 });
    expect(periodOf(s, cst('2026-11-22 23:59')).start).toBe('2026-11-22');
    expect(periodOf(s, cst('2026-11-23 00:00')).start).toBe('2026-11-23');
    expect(periodOf(s, cst('2026-11-22 23:59')).endsAt).toEqual(cst('2026-11-23 00:00'));
  });

  test('a 3-day period counts from its anchor', () => {
    const s = settings({ periodDays: 3, periodAnchor: '2026-11-01' });
    expect(periodOf(s, cst('2026-11-01 08:00')).start).toBe('2026-11-01');
    expect(periodOf(s, cst('2026-11-03 23:59')).start).toBe('2026-11-01');
    expect(periodOf(s, cst('2026-11-04 00:00')).start).toBe('2026-11-04');
    expect(periodOf(s, cst('2026-10-31 12:00')).start).toBe('2026-10-29');
  });

  test('property: now lies in its period, which is N whole days starting at a local midnight', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 31 }), (at, days) => {
        const period = periodOf(settings({ periodDays: days, periodAnchor: '2020-02-29' }), at);
        const starts = cst(`${period.start} 00:00`);
        expect(starts.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(period.endsAt.getTime()).toBeGreaterThan(at.getTime());
        expect(period.endsAt.getTime() - starts.getTime()).toBe(days * 86_400_000);
        const sinceAnchor = (starts.getTime() - cst('2020-02-29 00:00').getTime()) / 86_400_000;
        expect(Number.isInteger(sinceAnchor / days)).toBe(true);
      }),
    );
  });

  test('property: two instants share a period exactly when they fall in the same block of N days', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        fc.integer({ min: 1, max: 7 }),
        (at, gap, days) => {
          const s = settings({ periodDays: days, periodAnchor: '2024-01-01' });
          const later = new Date(at.getTime() + gap);
          const same = periodOf(s, at).start === periodOf(s, later).start;
          expect(same).toBe(later.getTime() < periodOf(s, at).endsAt.getTime());
        },
      ),
    );
  });
});

describe('exit windows', () => {
  const day = [{ start: '07:00', end: '22:00' }];
  test.each([
    ['06:59', false],
    ['07:00', true],
    ['21:59', true],
    ['22:00', false],
  ])('07:00–22:00 at %s: %p', (time, inside) => {
    expect(insideWindows(day, cst(`2026-11-22 ${time}`))).toBe(inside);
  });

  test.each([
    ['21:59', false],
    ['22:00', true],
    ['00:00', true],
    ['05:59', true],
    ['06:00', false],
  ])('a window across midnight 22:00–06:00 at %s: %p', (time, inside) => {
    expect(insideWindows([{ start: '22:00', end: '06:00' }], cst(`2026-11-22 ${time}`))).toBe(inside);
  });

  test('no windows means any time; several windows admit any of them', () => {
    expect(insideWindows([], cst('2026-11-22 03:00'))).toBe(true);
    const two = [
      { start: '07:00', end: '09:00' },
      { start: '17:00', end: '19:00' },
    ];
    expect(insideWindows(two, cst('2026-11-22 08:00'))).toBe(true);
    expect(insideWindows(two, cst('2026-11-22 12:00'))).toBe(false);
    expect(describeWindows(two)).toBe('07:00-09:00、17:00-19:00');
  });

  test('property: inside [start, end) by the Shanghai wall clock, whatever the UTC date', () => {
    const hhmm = fc
      .integer({ min: 0, max: 1439 })
      .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(instant, hhmm, hhmm, (at, a, b) => {
        fc.pre(a !== b);
        const parts = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Shanghai',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(at);
        const minute = Number(parts.slice(0, 2)) * 60 + Number(parts.slice(3, 5));
        const from = Number(a.slice(0, 2)) * 60 + Number(a.slice(3));
        const to = Number(b.slice(0, 2)) * 60 + Number(b.slice(3));
        const expected = from < to ? minute >= from && minute < to : minute >= from || minute < to;
        expect(insideWindows([{ start: a, end: b }], at)).toBe(expected);
      }),
    );
  });
});

describe('decideExit', () => {
  const noon = cst('2026-11-22 12:00');

  test('a banned house is refused whatever the site allows', () => {
    expect(decideExit(settings({ exitsPerPeriod: 0 }), { kind: 'banned' }, noon)).toMatchObject({
      allowed: false,
      code: 'HOUSE_RESTRICTED',
    });
  });

  test('-1 means no exit; 0 means unlimited; N is the limit', () => {
    expect(decideExit(settings({ exitsPerPeriod: -1 }), undefined, noon)).toMatchObject({
      allowed: false,
      code: 'QUOTA_EXHAUSTED',
    });
    expect(decideExit(settings({ exitsPerPeriod: 0 }), undefined, noon)).toMatchObject({ allowed: true, limit: null });
    expect(decideExit(settings({ exitsPerPeriod: 3 }), undefined, noon)).toMatchObject({ allowed: true, limit: 3 });
  });

  test("a house's own exit count overrides the site's, both ways", () => {
    expect(decideExit(settings({ exitsPerPeriod: -1 }), { kind: 'ownQuota', exitsPerPeriod: 2 }, noon)).toMatchObject({
      allowed: true,
      limit: 2,
    });
    expect(decideExit(settings({ exitsPerPeriod: 5 }), { kind: 'ownQuota', exitsPerPeriod: -1 }, noon)).toMatchObject({
      allowed: false,
    });
  });

  test('outside the windows: OUTSIDE_HOURS, naming the windows', () => {
    expect(decideExit(settings({ exitWindows: [{ start: '07:00', end: '09:00' }] }), undefined, noon)).toEqual({
      allowed: false,
      code: 'OUTSIDE_HOURS',
      message: '当前不在可出门时间段（07:00-09:00），明日 07:00 起可出门',
    });
  });

  test('before a window opens today, the refusal names today', () => {
    const early = cst('2026-11-22 05:10');
    const windows = [
      { start: '07:00', end: '09:00' },
      { start: '17:00', end: '19:00' },
    ];
    expect(decideExit(settings({ exitWindows: windows }), undefined, early)).toMatchObject({
      message: '当前不在可出门时间段（07:00-09:00、17:00-19:00），今日 07:00 起可出门',
    });
    expect(decideExit(settings({ exitWindows: windows }), undefined, noon)).toMatchObject({
      message: '当前不在可出门时间段（07:00-09:00、17:00-19:00），今日 17:00 起可出门',
    });
  });

  test('per-household counting is carried to the caller, with the period', () => {
    const decision = decideExit(
      settings({ countingMode: 'perHousehold', periodDays: 1, exitsPerPeriod: 2 }),
      undefined,
      noon,
    );
    expect(decision).toEqual({
      allowed: true,
      limit: 2,
      countingMode: 'perHousehold',
      period: { start: '2026-11-22', endsAt: cst('2026-11-23 00:00') },
    });
  });

  test('the quota refusal says when it comes back, in words: 今日 … 明日 0 点', () => {
    const period = periodOf(settings({ periodDays: 1 }), noon);
    expect(quotaExhausted(period, 2, noon)).toEqual({
      allowed: false,
      code: 'QUOTA_EXHAUSTED',
      message: '今日 2 次出门次数已用完，明日 0 点恢复',
    });
  });

  test('a longer period: 本周期 … and the date it comes back', () => {
    const weekly = settings({ periodDays: 7, periodAnchor: '2026-11-20' });
    expect(quotaExhausted(periodOf(weekly, noon), 3, noon).message).toBe(
      '本周期 3 次出门次数已用完，11月27日 0 点恢复',
    );
    // on the period's last day what is left is left for today
    const lastDay = cst('2026-11-26 20:00');
    expect(quotaExhausted(periodOf(weekly, lastDay), 3, lastDay).message).toBe(
      '今日 3 次出门次数已用完，明日 0 点恢复',
    );
  });
});
