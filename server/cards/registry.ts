import { createHmac } from 'node:crypto';
import type { CardType } from '../../miniprogram/core/api/card';
import { now } from '../platform/clock';
import { database } from '../platform/cloud';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import { secret } from '../platform/secrets';
import type { Site } from '../sites/site';

/**
 * The site's one-card / parking system is the source of truth for which cards exist (R10–R11).
 * Two adapters behind one question — "what does the card system say about card N?":
 * - a site with `cardSystem` asks it over HTTPS (docs/cards.md): `GET <url>/cards/<number>`,
 *   signed with CARD_SYSTEM_KEY; under localcloud, with no url, localcloud's stand-in answers;
 * - any other site keeps its cards in the `cardRegistry` collection (CSV import by the
 *   administrator; the demo data seeds it).
 */
export interface CardRecord {
  number: string;
  type: CardType;
  /** the phone registered for the card: compared, never shown */
  phone: string;
  validFrom?: string;
  validTo?: string;
  balanceFen?: number;
  plate?: string;
}

export interface RegistryCard extends Stored, CardRecord {
  siteId: string;
}

/** The card system did not answer: nothing may be bound or changed on its word. */
export class CardSystemDown extends AppError {
  constructor() {
    super('INTERNAL', '卡务系统暂时无法连接，请稍后再试');
  }
}

/** A card's identity at a site — the id of its registry entry and of its binding: one of each per card. */
export function cardKey(siteId: string, number: string): string {
  return `${siteId}:${number}`;
}

/** The `cardRegistry` collection: the cards of sites without a card system of their own. */
export class CardRegistry extends Repository<RegistryCard> {
  constructor() {
    super('cardRegistry');
  }

  /** Writes a card, replacing the one with its number. */
  put(siteId: string, card: CardRecord): Promise<unknown> {
    return this.collection()
      .doc(cardKey(siteId, card.number))
      .set({ data: { siteId, ...card } });
  }
}

export async function findCard(site: Site, number: string): Promise<CardRecord | null> {
  if (site.cardSystem) return askCardSystem(site, number);
  const { data } = await database()
    .collection('cardRegistry')
    .where({ _id: cardKey(site._id, number) })
    .limit(1)
    .get<RegistryCard>();
  return data[0] ? recordOf(data[0]) : null;
}

async function askCardSystem(site: Site, number: string): Promise<CardRecord | null> {
  const base = site.cardSystem?.url ?? localStandIn(site);
  const path = `/cards/${encodeURIComponent(number)}`;
  const timestamp = String(Math.floor(now().getTime() / 1000));
  const signature = createHmac('sha256', secret('CARD_SYSTEM_KEY')).update(`${timestamp}\nGET\n${path}`).digest('hex');
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      headers: { 'x-tongxing-site': site._id, 'x-tongxing-timestamp': timestamp, 'x-tongxing-signature': signature },
      signal: AbortSignal.timeout(3000),
    });
  } catch (error) {
    console.error(`[cards] ${site._id} card system did not answer`, error instanceof Error ? error.message : error);
    throw new CardSystemDown();
  }
  if (res.status === 404) return null;
  if (res.status !== 200) {
    console.error(`[cards] ${site._id} card system answered HTTP ${res.status}`);
    throw new CardSystemDown();
  }
  const body = (await res.json().catch(() => null)) as Partial<CardRecord> | null;
  if (!body || typeof body.number !== 'string' || typeof body.phone !== 'string' || !isCardType(body.type)) {
    console.error(`[cards] ${site._id} card system sent an unreadable card`);
    throw new CardSystemDown();
  }
  return recordOf(body as CardRecord);
}

function localStandIn(site: Site): string {
  const local = process.env.LOCALCLOUD_URL;
  if (!local) {
    console.error(`[cards] ${site._id} has a card system without a url`);
    throw new CardSystemDown();
  }
  return `${local}/_cards/${encodeURIComponent(site._id)}`;
}

function isCardType(value: unknown): value is CardType {
  return value === 'member' || value === 'stored' || value === 'access';
}

function recordOf(card: CardRecord): CardRecord {
  const { number, type, phone, validFrom, validTo, balanceFen, plate } = card;
  return {
    number,
    type,
    phone,
    ...(validFrom ? { validFrom } : {}),
    ...(validTo ? { validTo } : {}),
    ...(typeof balanceFen === 'number' ? { balanceFen } : {}),
    ...(plate ? { plate } : {}),
  };
}
