import { phone } from '../../miniprogram/core/account-rules';
import { CARD_NUMBER_PATTERN, type CardType } from '../../miniprogram/core/api/card';
import { readCsv } from '../platform/csv';
import type { CardRecord } from './registry';

const TYPES: Record<string, CardType> = {
  member: 'member',
  stored: 'stored',
  access: 'access',
  会员卡: 'member',
  车卡: 'member',
  '会员卡/车卡': 'member',
  储值卡: 'stored',
  门禁卡: 'access',
};
const COLUMNS = ['number', 'type', 'phone', 'validFrom', 'validTo', 'balanceFen', 'plate'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ParsedCards {
  cards: CardRecord[];
  problems: Array<{ line: number; message: string }>;
}

/**
 * Reads a card system's export (CSV as server/platform/csv.ts reads it). Each bad line is reported with its number, in plain
 * Chinese, and left out; the good ones are returned.
 */
export function parseCardsCsv(text: string): ParsedCards {
  const table = readCsv(text);
  const missing = ['number', 'type', 'phone'].filter((c) => !table.header.includes(c));
  if (missing.length > 0) return { cards: [], problems: [{ line: 1, message: `表头缺少 ${missing.join('、')}` }] };
  const cards: CardRecord[] = [];
  const problems: ParsedCards['problems'] = [];
  for (const row of table.lines) {
    const at = (column: (typeof COLUMNS)[number]) => table.at(row, column);
    const number = at('number');
    const type = TYPES[at('type')];
    const owner = at('phone');
    const balance = at('balanceFen');
    const badDate = (['validFrom', 'validTo'] as const).some((c) => at(c) !== '' && !DATE.test(at(c)));
    let problem = '';
    if (!CARD_NUMBER_PATTERN.test(number)) problem = '卡号应为4到32位字母或数字';
    else if (!type) problem = '卡类型应为会员卡/车卡、储值卡或门禁卡';
    else if (!phone.parse(owner).ok) problem = '手机号应为11位';
    else if (badDate) problem = '日期格式应为YYYY-MM-DD';
    else if (balance && !/^\d{1,12}$/.test(balance)) problem = '余额应为整数（分）';
    if (problem || !type) {
      problems.push({ line: row.line, message: problem });
      continue;
    }
    const optional = (column: 'validFrom' | 'validTo' | 'plate') => (at(column) ? { [column]: at(column) } : {});
    cards.push({
      number,
      type,
      phone: owner,
      ...optional('validFrom'),
      ...optional('validTo'),
      ...optional('plate'),
      ...(balance ? { balanceFen: Number(balance) } : {}),
    });
  }
  return { cards, problems };
}
