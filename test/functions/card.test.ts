import type { CardView } from '../../miniprogram/core/api/card';
import type { Envelope } from '../../miniprogram/core/envelope';
import { useAppCloud } from '../support/app-cloud';
import { advanceClock, resetClock } from '../support/clock';
import { HJ, HX, data } from '../support/fixtures';
import { lastSmsCode } from '../support/sms';

// The card function (R9–R12): cards of the embedded registry (海信慧园) and of a site's own card
// system over HTTP (鸿锦阁, localcloud's stand-in), SMS codes read from the outbox.

const app = useAppCloud();
let n = 0;
const requestId = () => `card-req-${(n += 1).toString().padStart(6, '0')}`;

afterEach(async () => {
  resetClock(app);
  app.lc.cards.setDown(false);
});

const call = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('card', { action, requestId: requestId(), ...params }, openid);

/** sendCode then bind, as the bind page does; returns the bind answer. */
async function bindCard(openid: string, card: { siteId: string; type: string; number: string; phone: string }) {
  data(await call('sendCode', openid, card));
  return call<{ card: CardView }>('bind', openid, { ...card, code: await lastSmsCode(app, card.phone) });
}

let cardCount = 0;
/** A card of its own for one test: added to 鸿锦阁's card system with its own number and phone. */
async function newCard(type: 'member' | 'stored' | 'access', extra: object = {}) {
  cardCount += 1;
  const card = {
    number: `T${String(cardCount).padStart(5, '0')}`,
    type,
    phone: `1360000${String(cardCount).padStart(4, '0')}`,
    ...extra,
  };
  await fetch(`${app.lc.url}/_dev/cards`, { method: 'POST', body: JSON.stringify({ siteId: HJ, cards: [card] }) });
  return { siteId: HJ, type, number: card.number, phone: card.phone };
}

const HX_MEMBER = { siteId: HX, type: 'member', number: 'HX1001', phone: '13912340001' };
const HX_STORED = { siteId: HX, type: 'stored', number: 'HX2001', phone: '13912340001' };
const HX_ACCESS = { siteId: HX, type: 'access', number: 'HX3001', phone: '13912340002' };
const HJ_MEMBER = { siteId: HJ, type: 'member', number: 'HJ8801', phone: '13912340003' };

describe('bind, list, detail, unbind', () => {
  test('each card type binds, from the registry and from a site card system, and lists with its details', async () => {
    const me = 'wx-card-owner';
    expect(data(await bindCard(me, HX_MEMBER)).card).toMatchObject({
      site: { id: HX, name: '海信慧园' },
      type: 'member',
      number: 'HX1001',
      plate: '鲁B12345',
      validTo: '2027-06-30',
      stale: false,
    });
    advanceClock(app, 61_000);
    expect(data(await bindCard(me, HX_STORED)).card).toMatchObject({ type: 'stored', balanceFen: 25600 });
    expect(data(await bindCard(me, HX_ACCESS)).card).toMatchObject({ type: 'access' });
    expect(data(await bindCard(me, HJ_MEMBER)).card).toMatchObject({ site: { name: '鸿锦阁' }, plate: '粤B88888' });
    const { cards } = data(await call<{ cards: CardView[] }>('list', me));
    expect(cards.map((c) => c.number).sort()).toEqual(['HJ8801', 'HX1001', 'HX2001', 'HX3001']);
    expect(JSON.stringify(cards)).not.toMatch(/1391234000\d/);
  });

  test('detail refreshes from the card system, and says when it could not', async () => {
    const me = 'wx-card-detail';
    const card = await newCard('stored', { balanceFen: 500 });
    const bound = data(await bindCard(me, card)).card;
    await fetch(`${app.lc.url}/_dev/cards`, {
      method: 'POST',
      body: JSON.stringify({
        siteId: HJ,
        cards: [{ number: card.number, type: 'stored', phone: card.phone, balanceFen: 1200 }],
      }),
    });
    expect(data(await call<{ card: CardView }>('detail', me, { cardId: bound.id })).card).toMatchObject({
      balanceFen: 1200,
      stale: false,
    });
    app.lc.cards.setDown(true);
    expect(data(await call<{ card: CardView }>('detail', me, { cardId: bound.id })).card).toMatchObject({
      balanceFen: 1200,
      stale: true,
    });
    expect(await call('detail', 'wx-someone-else', { cardId: bound.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  test('unbind removes it from my cards and frees it for its next owner; both are recorded', async () => {
    const card = await newCard('access');
    const bound = data(await bindCard('wx-card-mover', card)).card;
    expect(await call('unbind', 'wx-card-thief', { cardId: bound.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    data(await call('unbind', 'wx-card-mover', { cardId: bound.id }));
    expect(data(await call<{ cards: CardView[] }>('list', 'wx-card-mover')).cards).toEqual([]);
    advanceClock(app, 61_000);
    expect(data(await bindCard('wx-card-new-owner', card)).card.number).toBe(card.number);
    expect(app.lc.db.find('cardEvents', { number: card.number }, {}).map((e) => e.kind)).toEqual([
      'bind',
      'unbind',
      'bind',
    ]);
  });
});

describe('refusals, none of which reveals the card phone', () => {
  const refusals: Array<[string, object, string, string]> = [
    ['no such card', { ...HX_MEMBER, number: 'HX9999' }, 'NOT_FOUND', '该场区没有这张卡，请核对卡号'],
    ['type mismatch', { ...HX_MEMBER, type: 'stored' }, 'INVALID_ARGUMENT', '卡类型与卡号不符，请重新选择'],
    ['phone mismatch', { ...HX_MEMBER, phone: '13700000000' }, 'INVALID_ARGUMENT', '手机号与该卡登记的手机号不一致'],
    ['bad card number', { ...HX_MEMBER, number: 'HX-1' }, 'INVALID_ARGUMENT', '卡号为4到32位字母或数字'],
  ];
  test.each(refusals)('%s', async (_label, card, code, message) => {
    const answer = await call('sendCode', 'wx-card-refused', card);
    expect(answer).toEqual({ ok: false, code, message });
  });

  test('a card bound to someone else', async () => {
    const card = await newCard('member');
    data(await bindCard('wx-first-owner', card));
    const answer = await call('sendCode', 'wx-second-owner', card);
    expect(answer).toEqual({ ok: false, code: 'CONFLICT', message: '该卡已被其他用户绑定' });
  });

  test('a wrong or expired code', async () => {
    const card = await newCard('member');
    const me = 'wx-card-codes';
    data(await call('sendCode', me, card));
    const code = await lastSmsCode(app, card.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await call('bind', me, { ...card, code: wrong })).toMatchObject({ ok: false, message: '验证码错误' });
    advanceClock(app, 5 * 60_000 + 1_000);
    expect(await call('bind', me, { ...card, code })).toMatchObject({ ok: false, message: '验证码已失效，请重新获取' });
  });
});

describe('concurrency and outages', () => {
  test('10 people binding one card at once: exactly one gets it', async () => {
    const card = await newCard('access');
    data(await call('sendCode', 'wx-race-card-0', card));
    const code = await lastSmsCode(app, card.phone);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_v, i) => call('bind', `wx-race-card-${i}`, { ...card, code })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(app.lc.db.count('cardBindings', { number: card.number })).toBe(1);
  });

  test('the card system down: binding is refused plainly, nothing is written, and the code still works after', async () => {
    const card = await newCard('stored', { balanceFen: 5 });
    data(await call('sendCode', 'wx-outage-card', card));
    const code = await lastSmsCode(app, card.phone);
    const before = app.lc.db.count('cardBindings', {});
    app.lc.cards.setDown(true);
    expect(await call('bind', 'wx-outage-card', { ...card, code })).toEqual({
      ok: false,
      code: 'INTERNAL',
      message: '卡务系统暂时无法连接，请稍后再试',
    });
    expect(app.lc.db.count('cardBindings', {})).toBe(before);
    app.lc.cards.setDown(false);
    expect((await call('bind', 'wx-outage-card', { ...card, code })).ok).toBe(true);
  });
});
