import { isPlainObject } from '../http-util';

/**
 * `subscribeMessage.send` checks, as the platform applies them before anything is delivered.
 * Value rules per keyword type follow the WeChat docs ("订阅消息参数值内容限制说明"); lengths count
 * characters, not bytes. Types whose format rules are loose (time, date, amount, car_number) are
 * checked for length only; keyword types not listed here are passed through.
 */

/** The request after the SDK's camelCase → snake_case conversion and JSON decoding of each pair. */
export interface SubscribeMessageRequest {
  touser?: unknown;
  template_id?: unknown;
  page?: unknown;
  data?: unknown;
  miniprogram_state?: unknown;
  lang?: unknown;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  /** keyword → value, e.g. `{ thing1: { value: '访客预约' } }` */
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
}

export type Checked = { ok: true; message: SubscribeMessage } | { ok: false; errcode: number; errmsg: string };

interface KeywordRule {
  max: number;
  /** what the whole value must look like, besides the length */
  pattern?: RegExp;
  describe: string;
}

const KEYWORD_RULES: Record<string, KeywordRule> = {
  thing: { max: 20, describe: 'at most 20 characters' },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/, describe: 'digits (a decimal allowed), at most 32' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, describe: 'letters only, at most 32' },
  symbol: { max: 5, pattern: /^[^\p{L}\p{N}]+$/u, describe: 'symbols only, at most 5' },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/, describe: 'digits, letters or symbols, at most 32' },
  phone_number: { max: 17, pattern: /^[\d+\-() ]+$/, describe: 'digits and symbols, at most 17' },
  car_number: { max: 8, describe: 'at most 8 characters' },
  name: { max: 20, describe: 'at most 10 Chinese characters or 20 letters' },
  phrase: { max: 5, pattern: /^\p{Script=Han}+$/u, describe: 'at most 5 Chinese characters' },
  time: { max: 64, describe: 'a time' },
  date: { max: 64, describe: 'a date' },
  amount: { max: 16, describe: 'a currency sign and at most 10 digits' },
};

const STATES = new Set(['developer', 'trial', 'formal']);
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']);

export function checkSubscribeMessage(request: SubscribeMessageRequest): Checked {
  const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = request;
  if (typeof touser !== 'string' || touser === '') return refuse(40003, 'invalid openid');
  if (typeof templateId !== 'string' || templateId === '') return refuse(40037, 'invalid template_id');
  if (page !== undefined && typeof page !== 'string') return refuse(47003, 'argument invalid! page must be a string');
  if (state !== undefined && !STATES.has(state as string)) {
    return refuse(47003, 'argument invalid! miniprogram_state must be developer, trial or formal');
  }
  if (lang !== undefined && !LANGS.has(lang as string)) return refuse(47003, 'argument invalid! lang');
  if (!isPlainObject(data) || Object.keys(data).length === 0) return refuse(47003, 'argument invalid! data is empty');

  const checkedData: Record<string, { value: string }> = {};
  for (const [keyword, entry] of Object.entries(data)) {
    const value = isPlainObject(entry) ? entry.value : undefined;
    if (typeof value !== 'string' || value === '')
      return refuse(47003, `argument invalid! data.${keyword}.value is empty`);
    const problem = keywordProblem(keyword, value);
    if (problem) return refuse(47003, `argument invalid! data.${keyword}.value ${problem}`);
    checkedData[keyword] = { value };
  }
  return {
    ok: true,
    message: {
      touser,
      templateId,
      ...(page === undefined ? {} : { page }),
      data: checkedData,
      ...(state === undefined ? {} : { miniprogramState: state as string }),
      ...(lang === undefined ? {} : { lang: lang as string }),
    },
  };
}

function keywordProblem(keyword: string, value: string): string | undefined {
  // template keywords are a type name and a number: thing1, character_string12, phone_number3
  const type = /^([a-z_]+?)\d+$/.exec(keyword)?.[1];
  const rule = type === undefined ? undefined : KEYWORD_RULES[type];
  if (!rule) return undefined;
  const length = [...value].length;
  const max = type === 'name' && /\p{Script=Han}/u.test(value) ? 10 : rule.max;
  if (length > max || (rule.pattern && !rule.pattern.test(value))) {
    return `is invalid for ${type}: ${rule.describe} (got ${length} characters)`;
  }
  return undefined;
}

function refuse(errcode: number, errmsg: string): Checked {
  return { ok: false, errcode, errmsg };
}
