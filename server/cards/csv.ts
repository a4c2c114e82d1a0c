import { phone } from '../../miniprogram/core/account-rules';
import { CARD_NUMBER_PATTERN, type CardType } from '../../miniprogram/core/api/card';
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
 * Reads a card system's export (CSV, a header line naming the columns in any order; quotes are not
 * needed for these fields and not supported). Each bad line is reported with its number, in plain
 * Chinese, and left out; the good ones are returned.
 */
export function parseCardsCsv(text: string): ParsedCards {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = ['number', 'type', 'phone'].filter((c) => !header.includes(c));
  if (missing.length > 0) return { cards: [], problems: [{ line: 1, message: `表头缺少 ${missing.join('、')}` }] };
  const at = (cells: string[], column: (typeof COLUMNS)[number]) => (cells[header.indexOf(column)] ?? '').trim();
  const cards: CardRecord[] = [];
  const problems: ParsedCards['problems'] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 2;
    const cells = raw.split(',');
    const number = at(cells, 'number');
    const type = TYPES[at(cells, 'type')];
    const owner = at(cells, 'phone');
    const balance = at(cells, 'balanceFen');
    const badDate = (['validFrom', 'validTo'] as const).some((c) => at(cells, c) !== '' && !DATE.test(at(cells, c)));
    let problem = '';
    if (!CARD_NUMBER_PATTERN.test(number)) problem = '卡号应为4到32位字母或数字';
    else if (!type) problem = '卡类型应为会员卡/车卡、储值卡或门禁卡';
    else if (!phone.parse(owner).ok) problem = '手机号应为11位';
    else if (badDate) problem = '日期格式应为YYYY-MM-DD';
    else if (balance && !/^\d{1,12}$/.test(balance)) problem = '余额应为整数（分）';
    if (problem || !type) {
      problems.push({ line, message: problem });
      return;
    }
    const optional = (column: 'validFrom' | 'validTo' | 'plate') =>
      at(cells, column) ? { [column]: at(cells, column) } : {};
    cards.push({
      number,
      type,
      phone: owner,
      ...optional('validFrom'),
      ...optional('validTo'),
      ...optional('plate'),
      ...(balance ? { balanceFen: Number(balance) } : {}),
    });
  });
  return { cards, problems };
}
