import type { CardType, CardView } from '../../miniprogram/core/api/card';
import { AppError, isDuplicateKey } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import type { Site } from '../sites/site';
import { cardKey, type CardRecord } from './registry';

/**
 * A card bound to a user (卡绑定, R10). The id is the site and printed number, so one card is bound
 * to at most one user: of two people binding it at once, the unique `_id` lets one in. The card
 * system's details are kept as last seen (without the phone) for when it cannot be reached.
 */
export interface CardBinding extends Stored {
  userId: string;
  siteId: string;
  siteName: string;
  number: string;
  type: CardType;
  details: Omit<CardRecord, 'phone' | 'number' | 'type'>;
  boundAt: Date;
  checkedAt: Date;
}

interface CardEvent extends Stored {
  kind: 'bind' | 'unbind';
  userId: string;
  siteId: string;
  number: string;
  at: Date;
}

export class CardBindings extends Repository<CardBinding> {
  constructor() {
    super('cardBindings');
  }

  static idOf(siteId: string, number: string): string {
    return cardKey(siteId, number);
  }

  /** Binds the card to `userId`; binding it again to the same user is a success that changes nothing. */
  async bind(userId: string, site: Site, card: CardRecord, now: Date): Promise<CardBinding> {
    const { phone: _phone, number, type, ...details } = card;
    const binding: CardBinding = {
      _id: CardBindings.idOf(site._id, number),
      userId,
      siteId: site._id,
      siteName: site.name,
      number,
      type,
      details,
      boundAt: now,
      checkedAt: now,
    };
    try {
      await this.insert(binding);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const holder = await this.get(binding._id);
      if (holder?.userId === userId) return holder;
      throw new AppError('CONFLICT', '该卡已被其他用户绑定');
    }
    await new CardEvents().record('bind', binding, now);
    return binding;
  }

  /**
   * Unbinds the caller's own card; NOT_FOUND for anyone else's. With the request's `token`
   * (server/platform/idempotency.ts requestToken) the unbind event is written first, under an id made from
   * it: a second run of the same request, whose first run removed the card but lost the answer,
   * finds that event and answers as the first run did.
   */
  async unbind(userId: string, bindingId: string, now: Date, token?: string): Promise<void> {
    const events = new CardEvents();
    const eventId = token ? `unbind-${token}` : undefined;
    const binding = await this.get(bindingId);
    if (!binding || binding.userId !== userId) {
      const earlier = eventId ? await events.get(eventId) : null;
      if (earlier?.userId === userId && CardBindings.idOf(earlier.siteId, earlier.number) === bindingId) return;
      throw new AppError('NOT_FOUND', '没有找到这张卡');
    }
    if (eventId) await events.record('unbind', binding, now, eventId);
    const removed = await this.collection().where({ _id: bindingId, userId }).remove();
    if (removed.stats.removed === 1 && !eventId) await events.record('unbind', binding, now);
    // another request unbound it between our read and removal: that one's event stands, not ours
    if (removed.stats.removed === 0 && eventId) await events.remove(eventId);
  }
}

class CardEvents extends Repository<CardEvent> {
  constructor() {
    super('cardEvents');
  }

  /** 绑定/解绑记录: who bound or unbound which card when; `id` makes a retry's second write a no-op. */
  async record(kind: CardEvent['kind'], binding: CardBinding, at: Date, id?: string): Promise<void> {
    const event = { kind, userId: binding.userId, siteId: binding.siteId, number: binding.number, at };
    try {
      await this.insert(id ? { _id: id, ...event } : event);
    } catch (error) {
      if (!id || !isDuplicateKey(error)) throw error;
    }
  }
}

export function cardView(binding: CardBinding, stale: boolean): CardView {
  return {
    id: binding._id,
    site: { id: binding.siteId, name: binding.siteName },
    type: binding.type,
    number: binding.number,
    ...binding.details,
    boundAt: binding.boundAt.toISOString(),
    checkedAt: binding.checkedAt.toISOString(),
    stale,
  };
}
