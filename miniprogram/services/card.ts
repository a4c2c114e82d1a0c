/**
 * The `card` function (自助卡务) for pages: bind a card of a site's card system after an SMS code to the phone the
 * card system has for it, my cards, one card refreshed from the card system, unbind.
 */
import type { CardActions, CardIdentity, CardView } from '../core/api/card';
import type { Envelope } from '../core/envelope';
import { cloudFunction } from './cloud';

const card = cloudFunction<CardActions>('card');

/** An SMS code to the card's registered phone, once the card checks out (exists, type, phone, not someone else's). */
export function sendCardCode(identity: CardIdentity): Promise<Envelope<{ resendAfter: number }>> {
  return card.mutate('sendCode', identity);
}

/** 确认绑定: the same checks again, then the code; binding one's own card again changes nothing. */
export function bindCard(identity: CardIdentity, code: string): Promise<Envelope<{ card: CardView }>> {
  return card.mutate('bind', { ...identity, code });
}

/** My cards across sites, newest first, as last seen (the list does not ask the card systems). */
export function myCards(): Promise<Envelope<{ cards: CardView[] }>> {
  return card.query('list', {});
}

/** One of my cards, refreshed from its card system (`stale` when that could not be asked). */
export function cardDetail(cardId: string): Promise<Envelope<{ card: CardView }>> {
  return card.query('detail', { cardId });
}

export function unbindCard(cardId: string): Promise<Envelope<{ unbound: true }>> {
  return card.mutate('unbind', { cardId });
}
