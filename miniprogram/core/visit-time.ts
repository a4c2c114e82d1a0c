/**
 * Dates of the visitor journey, in Asia/Shanghai by a fixed +08:00 (China has kept UTC+8 without daylight saving
 * since 1991), whatever the phone's or the server's zone: the page and the function say the same "明天 14:00". Built on
 * `dayjs` with its `utc` plugin, whose `utcOffset(480)` fixes the offset (the `timezone` plugin would need the
 * engine's Intl zone data, which mini-program engines do not all carry).
 */
// UMD modules (`module.exports = factory()`): required as they are, like qrcode-generator in pass-qr.ts
import dayjs = require('dayjs');
import utc = require('dayjs/plugin/utc');

dayjs.extend(utc);

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export type Instant = Date | string | number;

/** `at` as Shanghai wall time. */
export function shanghai(at: Instant): dayjs.Dayjs {
  return dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a Shanghai wall time (`YYYY-MM-DD HH:mm[:ss]`, what a date-time picker gives) names, or null when it
 * is not one (a 2 月 30 日, a 24:00).
 */
export function parseShanghai(wall: string): Date | null {
  const match = WALL_TIME.exec(wall.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MINUTES * 60_000);
  // Date.UTC rolls 2 月 30 日 over into March: a wall time that does not come back as written does not exist
  return shanghai(at).format('YYYY-MM-DD HH:mm:ss') ===
    `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6] ?? '00'}`
    ? at
    : null;
}

/** `2026-12-03 14:00`: how a form and a record list show an instant. */
export function formatDateTime(at: Instant): string {
  return shanghai(at).format('YYYY-MM-DD HH:mm');
}

/** 今天 / 明天 / 后天 / 昨天 / 12月5日 / 2027年1月5日: the day of `at` as seen `now`. */
export function dayWords(at: Instant, now: Instant): string {
  const day = shanghai(at).startOf('day');
  const today = shanghai(now).startOf('day');
  const words: Record<number, string> = { [-1]: '昨天', 0: '今天', 1: '明天', 2: '后天' };
  const difference = Math.round(day.diff(today, 'day', true));
  if (words[difference]) return words[difference];
  return day.year() === today.year() ? day.format('M月D日') : day.format('YYYY年M月D日');
}

/** A visit's window in words: `明天 14:00–16:00`, or `12月3日 22:00 – 12月4日 08:00` across midnight. */
export function visitWindowWords(startsAt: Instant, endsAt: Instant, now: Instant): string {
  const start = shanghai(startsAt);
  const end = shanghai(endsAt);
  if (start.isSame(end, 'day')) return `${dayWords(startsAt, now)} ${start.format('HH:mm')}–${end.format('HH:mm')}`;
  return `${dayWords(startsAt, now)} ${start.format('HH:mm')} – ${dayWords(endsAt, now)} ${end.format('HH:mm')}`;
}

/** How long ago: 刚刚, 3 分钟前, 2 小时前, then the day and time (昨天 09:30, 11月20日 09:30). */
export function timeAgo(at: Instant, now: Instant): string {
  const seconds = Math.floor((dayjs(now).valueOf() - dayjs(at).valueOf()) / 1000);
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  if (seconds < 6 * 3600 && shanghai(at).isSame(shanghai(now), 'day')) return `${Math.floor(seconds / 3600)} 小时前`;
  return `${dayWords(at, now)} ${shanghai(at).format('HH:mm')}`;
}
