/** The `card` cloud function: 自助卡务 — bind, list, detail, unbind (R9–R12). */

/** 会员卡/车卡, 储值卡, 门禁卡 */
export type CardType = 'member' | 'stored' | 'access';

export const CARD_TYPE_LABELS: Record<CardType, string> = {
  member: '会员卡/车卡',
  stored: '储值卡',
  access: '门禁卡',
};

export interface CardView {
  /** the binding's id */
  id: string;
  site: { id: string; name: string };
  type: CardType;
  /** the printed card number */
  number: string;
  validFrom?: string;
  validTo?: string;
  /** 储值卡: balance in fen */
  balanceFen?: number;
  /** 车卡: the plate */
  plate?: string;
  boundAt: string;
  /** when the card system last confirmed these details */
  checkedAt: string;
  /** true when the card system could not be reached and the details may be out of date */
  stale: boolean;
}

export interface CardIdentity {
  siteId: string;
  type: CardType;
  /** the card's printed number */
  number: string;
  /** the phone registered for the card in the site's card system */
  phone: string;
}

export interface CardActions {
  sendCode: { request: CardIdentity & { requestId: string }; response: { resendAfter: number } };
  bind: { request: CardIdentity & { code: string; requestId: string }; response: { card: CardView } };
  list: { request: Record<string, never>; response: { cards: CardView[] } };
  detail: { request: { cardId: string }; response: { card: CardView } };
  unbind: { request: { cardId: string; requestId: string }; response: { unbound: true } };
}

/** A printed card number: 4–32 letters and digits. */
export const CARD_NUMBER_PATTERN = /^[A-Za-z0-9]{4,32}$/;
