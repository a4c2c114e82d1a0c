/**
 * SWAP FOR core/visit-time.ts — a stand-in until main brings the shared visit-time module (dayjs with a fixed
 * +08:00). Until then these few words are computed here, on the same fixed offset (core/time.ts), never in the
 * phone's zone. When core/visit-time.ts lands, import its functions in place of these and delete this file; the
 * pages only use the names below.
 */
import { SHANGHAI_OFFSET_MS } from '../../../core/time';

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The Shanghai wall clock of an instant, as parts. */
function wall(at: Date) {
  const shifted = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    /** days since the epoch, in Shanghai: for 今天 / 明天 */
    dayNumber: Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS),
  };
}

/** `YYYY-MM-DD HH:mm` in Shanghai: what the date-time picker shows and hands back. */
export function wallClock(at: Date): string {
  const w = wall(at);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant a picker's `YYYY-MM-DD HH:mm` names in Shanghai, as ISO with +08:00; '' when unreadable. */
export function fromWallClock(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00+08:00` : '';
}

/** 2026-11-24 14:00: a date as the approval page lists it (启用日期, 登记日期…) */
export function dateTimeWords(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : wallClock(at);
}

function dayWords(at: Date, now: Date): string {
  const days = wall(at).dayNumber - wall(now).dayNumber;
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === 2) return '后天';
  if (days === -1) return '昨天';
  const w = wall(at);
  return w.year === wall(now).year ? `${w.month}月${w.day}日` : `${w.year}年${w.month}月${w.day}日`;
}

const hourMinute = (at: Date) => `${pad(wall(at).hour)}:${pad(wall(at).minute)}`;

/** 明天 14:00–16:00; across days: 11月26日 22:00 – 11月27日 08:00 */
export function windowWords(startsAt: string, endsAt: string, now: Date): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '';
  if (wall(start).dayNumber === wall(end).dayNumber) {
    return `${dayWords(start, now)} ${hourMinute(start)}–${hourMinute(end)}`;
  }
  return `${dayWords(start, now)} ${hourMinute(start)} – ${dayWords(end, now)} ${hourMinute(end)}`;
}

/** 刚刚, 3 分钟前, 2 小时前, 昨天 14:00, 11月20日 14:00 */
export function agoWords(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  if (minutes < 24 * 60 && wall(at).dayNumber === wall(now).dayNumber) return `${Math.floor(minutes / 60)} 小时前`;
  return `${dayWords(at, now)} ${hourMinute(at)}`;
}
