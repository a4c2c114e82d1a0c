import { SHANGHAI_OFFSET_MS } from '../../miniprogram/core/time';

/**
 * What a subscription message's values may be, by keyword type ("订阅消息参数值内容限制说明"): the platform
 * refuses a send whose value breaks its type's rule with 47003, and the message is then lost. So every value is
 * fitted to its type here, before sending — trimmed, never refused. Lengths count characters (code points).
 */
export type KeywordType = 'thing' | 'name' | 'phrase' | 'time' | 'character_string';

/** thing: at most 20 characters of any kind */
export const THING_MAX = 20;
/** name: at most 10 characters when it holds Chinese, else 20 letters */
export const NAME_MAX_HAN = 10;
export const NAME_MAX_LATIN = 20;
/** phrase: at most 5 Chinese characters, nothing else */
export const PHRASE_MAX = 5;
/** character_string: at most 32 printable ASCII characters (digits, letters, symbols) */
export const CHARACTER_STRING_MAX = 32;

/** what an empty value becomes: the platform refuses an empty value too */
const EMPTY = '无';
const ELLIPSIS = '…';
const HAN = /\p{Script=Han}/u;

/** The keyword type a template key names: `thing12` → `thing`, `character_string3` → `character_string`. */
export function keywordType(key: string): KeywordType {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  if (type === 'thing' || type === 'name' || type === 'phrase' || type === 'time' || type === 'character_string') {
    return type;
  }
  throw new Error(`template key ${key} has no keyword type this module fits`);
}

/** The value fitted to its keyword type's rule. */
export function fitValue(type: KeywordType, value: string): string {
  const clean = value.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  switch (type) {
    case 'thing':
      return shorten(clean, THING_MAX, ELLIPSIS) || EMPTY;
    case 'name':
      // a name cut short reads better without an ellipsis, which a Latin name may not carry anyway
      return shorten(clean, HAN.test(clean) ? NAME_MAX_HAN : NAME_MAX_LATIN, '') || EMPTY;
    case 'phrase':
      return shorten([...clean].filter((c) => HAN.test(c)).join(''), PHRASE_MAX, '') || EMPTY;
    case 'character_string':
      return shorten(clean.replace(/[^\x21-\x7e]/g, ''), CHARACTER_STRING_MAX, '') || '-';
    case 'time':
      return clean || EMPTY;
  }
}

/** Keyword → value, each fitted, in the shape `subscribeMessage.send` takes as `data`. */
export function templateData(values: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(values)) data[key] = { value: fitValue(keywordType(key), value) };
  return data;
}

/** At most `max` characters; when cut, the last one gives way to `mark`. */
export function shorten(value: string, max: number, mark: string): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  return chars.slice(0, max - [...mark].length).join('') + mark;
}

/**
 * An instant as the time keyword shows it, in Asia/Shanghai (UTC+08:00, no daylight saving, whatever the server's
 * zone): `2026年12月2日 14:30`, one of the platform's formats for `time`.
 */
export function shanghaiTime(at: Date | string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return EMPTY;
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return (
    `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
  );
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
