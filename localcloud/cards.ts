import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { LocalcloudCore } from './core';
import { HttpError, isPlainObject, readJson, sendJson } from './http-util';

/**
 * A stand-in for a site's one-card / parking system, speaking the protocol of docs/cards.md:
 * `GET /_cards/<site>/cards/<number>`, signed with the development CARD_SYSTEM_KEY that
 * server/platform/secrets.ts derives under localcloud. Its cards are its own (as a real card system's
 * are): loaded from the demo data at start and added with `POST /_dev/cards {"siteId", "cards": [...]}`.
 * `POST /_dev/cards {"down": true}` takes it offline.
 */
export interface CardSystemStandIn {
  add(siteId: string, cards: Array<Record<string, unknown>>): void;
  setDown(down: boolean): void;
}

export function installCards(core: LocalcloudCore): CardSystemStandIn {
  const key = createHash('sha256').update('localcloud-dev:CARD_SYSTEM_KEY').digest('hex');
  const cards = new Map<string, Record<string, unknown>>();
  let down = false;
  const standIn: CardSystemStandIn = {
    add(siteId, list) {
      for (const card of list) cards.set(`${siteId}:${String(card.number)}`, card);
    },
    setDown(value) {
      down = value;
    },
  };

  core.server.routes.push(
    {
      method: 'GET',
      prefix: '/_cards/',
      handle(req, res, url) {
        const match = /^\/_cards\/([^/]+)(\/cards\/[^/]+)$/.exec(url.pathname);
        if (!match) throw new HttpError(404, 'NOT_FOUND', 'no such card system path');
        if (down) throw new HttpError(503, 'UNAVAILABLE', 'card system is down (POST /_dev/cards)');
        const timestamp = String(req.headers['x-tongxing-timestamp'] ?? '');
        const given = Buffer.from(String(req.headers['x-tongxing-signature'] ?? ''), 'hex');
        const expected = createHmac('sha256', key).update(`${timestamp}\nGET\n${match[2]}`).digest();
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          throw new HttpError(401, 'SIGNATURE_INVALID', 'card system request signature does not match');
        }
        if (Math.abs(core.clock.now() - Number(timestamp) * 1000) > 300_000) {
          throw new HttpError(401, 'STALE', 'timestamp more than 300 s off');
        }
        const number = decodeURIComponent(match[2].slice('/cards/'.length));
        const card = cards.get(`${decodeURIComponent(match[1])}:${number}`);
        if (!card) throw new HttpError(404, 'NOT_FOUND', 'no such card');
        sendJson(res, 200, card);
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/cards',
      async handle(req, res) {
        const body = await readJson(req, 256 * 1024);
        if (!isPlainObject(body)) throw new HttpError(400, 'INVALID_PARAM', 'body must be an object');
        if (typeof body.down === 'boolean') standIn.setDown(body.down);
        if (typeof body.siteId === 'string' && Array.isArray(body.cards)) {
          standIn.add(body.siteId, body.cards.filter(isPlainObject));
        }
        sendJson(res, 200, { cards: cards.size, down });
      },
    },
  );
  return standIn;
}
