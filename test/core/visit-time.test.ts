import * as fc from 'fast-check';
import { dayWords, formatDateTime, parseShanghai, timeAgo, visitWindowWords } from '../../miniprogram/core/visit-time';

// The visitor journey's dates in Asia/Shanghai, whatever zone the machine runs in (SCF runs in UTC, a phone abroad
// in its own): each case runs under several zones, and the round trip is checked against ICU's zone data.

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Chatham'];
const originalZone = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalZone;
});

const at = (iso: string) => new Date(iso);

describe.each(ZONES)('with the machine in %s', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  test('a wall time names the Shanghai instant, and an impossible one is refused', () => {
    expect(parseShanghai('2026-12-03 14:00')?.toISOString()).toBe('2026-12-03T06:00:00.000Z');
    expect(parseShanghai('2026-12-03T00:30:15')?.toISOString()).toBe('2026-12-02T16:30:15.000Z');
    expect(parseShanghai('2026-02-30 10:00')).toBeNull();
    expect(parseShanghai('2026-12-03 24:00')).toBeNull();
    expect(parseShanghai('明天 14:00')).toBeNull();
  });

  test('days in words, as seen from a Shanghai evening', () => {
    const now = at('2026-12-02T23:50:00+08:00');
    expect(dayWords(at('2026-12-02T00:10:00+08:00'), now)).toBe('今天');
    expect(dayWords(at('2026-12-03T00:10:00+08:00'), now)).toBe('明天');
    expect(dayWords(at('2026-12-04T23:59:00+08:00'), now)).toBe('后天');
    expect(dayWords(at('2026-12-01T12:00:00+08:00'), now)).toBe('昨天');
    expect(dayWords(at('2026-12-25T12:00:00+08:00'), now)).toBe('12月25日');
    expect(dayWords(at('2027-01-05T12:00:00+08:00'), now)).toBe('2027年1月5日');
  });

  test('a visit window reads 明天 14:00–16:00, and across midnight names both days', () => {
    const now = at('2026-12-02T10:00:00+08:00');
    expect(visitWindowWords(at('2026-12-03T14:00:00+08:00'), at('2026-12-03T16:00:00+08:00'), now)).toBe(
      '明天 14:00–16:00',
    );
    expect(visitWindowWords(at('2026-12-02T22:00:00+08:00'), at('2026-12-03T08:00:00+08:00'), now)).toBe(
      '今天 22:00 – 明天 08:00',
    );
  });

  test('time ago: 刚刚, minutes, hours the same day, then the day and time', () => {
    const now = at('2026-12-02T15:00:00+08:00');
    expect(timeAgo(at('2026-12-02T14:59:30+08:00'), now)).toBe('刚刚');
    expect(timeAgo(at('2026-12-02T14:57:00+08:00'), now)).toBe('3 分钟前');
    expect(timeAgo(at('2026-12-02T13:00:00+08:00'), now)).toBe('2 小时前');
    expect(timeAgo(at('2026-12-01T09:30:00+08:00'), now)).toBe('昨天 09:30');
  });

  test('formatting and parsing agree with ICU for any instant', () => {
    const icu = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const minute = new Date(Math.floor(ms / 60_000) * 60_000);
        const shown = formatDateTime(minute);
        expect(shown).toBe(icu.format(minute));
        expect(parseShanghai(shown)?.getTime()).toBe(minute.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
