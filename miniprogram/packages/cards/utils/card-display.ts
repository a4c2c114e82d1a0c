/**
 * A bound card as the cards pages show it: the type in words, money in 元, dates and times in Asia/Shanghai, and
 * only what the card system told about this kind of card (balance for 储值卡, plate for 车卡).
 */
import { CARD_TYPE_LABELS, type CardType, type CardView } from '../../../core/api/card';
import { SHANGHAI_OFFSET_MS } from '../../../core/time';

/** The types, in the order the bind form offers them. */
export const CARD_TYPE_OPTIONS = (Object.keys(CARD_TYPE_LABELS) as CardType[]).map((type) => ({
  type,
  label: CARD_TYPE_LABELS[type],
}));

/** 25600 (fen) → '256.00' */
export function yuan(fen: number): string {
  const cents = Math.round(Math.abs(fen));
  const sign = fen < 0 && cents > 0 ? '-' : '';
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** An instant (ISO 8601) as the clock in China shows it: `2026-05-20 14:03`. */
export function shanghaiTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 有效期 from the card system's dates; '' when it gave none. */
export function validity({ validFrom, validTo }: Pick<CardView, 'validFrom' | 'validTo'>): string {
  if (validFrom && validTo) return `${validFrom} 至 ${validTo}`;
  if (validTo) return `至 ${validTo}`;
  if (validFrom) return `${validFrom} 起`;
  return '';
}

/** What the card is worth knowing at a glance: a stored-value card's balance, a car card's plate. */
function highlight(card: CardView): { label: string; value: string } | undefined {
  if (card.type === 'stored' && card.balanceFen !== undefined)
    return { label: '余额', value: `${yuan(card.balanceFen)}元` };
  if (card.plate) return { label: '车牌', value: card.plate };
  return undefined;
}

/** A card in 我的卡. */
export interface CardSummary {
  id: string;
  type: CardType;
  typeLabel: string;
  number: string;
  siteName: string;
  /** `余额 256.00元`, `车牌 鲁B12345`, or '' */
  highlight: string;
}

export function cardSummary(card: CardView): CardSummary {
  const shown = highlight(card);
  return {
    id: card.id,
    type: card.type,
    typeLabel: CARD_TYPE_LABELS[card.type],
    number: card.number,
    siteName: card.site.name,
    highlight: shown ? `${shown.label} ${shown.value}` : '',
  };
}

/** One line of a card's detail. */
export interface CardRow {
  label: string;
  value: string;
}

/**
 * What the card face above the rows does not show: 有效期 (when known), 余额 or 车牌 (when known), 绑定时间. The
 * face already carries the type, the site and the number, and each field is shown once.
 */
export function cardRows(card: CardView): CardRow[] {
  const rows: CardRow[] = [];
  const valid = validity(card);
  if (valid) rows.push({ label: '有效期', value: valid });
  const shown = highlight(card);
  if (shown) rows.push(shown);
  rows.push({ label: '绑定时间', value: shanghaiTime(card.boundAt) });
  return rows;
}
