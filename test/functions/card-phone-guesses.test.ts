import type { Envelope } from '../../miniprogram/core/envelope';
import { useAppCloud } from '../support/app-cloud';
import { advanceClock, startTomorrowMorning } from '../support/clock';
import { HJ } from '../support/fixtures';
import { smsCount } from '../support/sms';

// A card's registered phone cannot be found by guessing (issue 10, defect 8): wrong phones are
// limited per caller (5 a day) and per card (10 a day), claimed before comparing so that guesses
// in parallel cannot exceed the limit, and once it is used up the right phone is refused exactly
// like a wrong one.

const MISMATCH = '手机号与该卡登记的手机号不一致';
const app = useAppCloud();
let n = 0;
const next = () => (n += 1).toString().padStart(5, '0');

beforeAll(async () => {
  // the guesses are counted per Shanghai day
  startTomorrowMorning(app);
  // warm the card function's instances, so that the parallel guesses below really overlap
  await Promise.all(Array.from({ length: 10 }, (_v, i) => app.call('card', { action: 'list' }, `wx-warm-${i}`)));
});

/** A card of its own in 鸿锦阁's card system. */
async function newCard() {
  const id = next();
  const card = { number: `G${id}`, type: 'access', phone: `1370000${id.slice(1)}` };
  await fetch(`${app.lc.url}/_dev/cards`, { method: 'POST', body: JSON.stringify({ siteId: HJ, cards: [card] }) });
  return { siteId: HJ, type: 'access', number: card.number, phone: card.phone };
}

const sendCode = (openid: string, card: object, phone: string) =>
  app.call<Envelope<unknown>>('card', { action: 'sendCode', ...card, phone, requestId: `guess-${next()}` }, openid);

/** 20 rounds of parallel calls on two cores take longer than jest's default 30 s. */
const RACE_TIMEOUT_MS = 120_000;

const wrongPhone = (i: number) => `1390000${String(i).padStart(4, '0')}`;

function tally(answers: Array<Envelope<unknown>>) {
  const mismatched = answers.filter((a) => !a.ok && a.code === 'INVALID_ARGUMENT' && a.message === MISMATCH).length;
  const limited = answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length;
  expect(mismatched + limited).toBe(answers.length);
  return { mismatched, limited };
}

test(
  '20 rounds of 8 parallel wrong guesses by one caller: exactly 5 are compared, then even the right phone is refused',
  async () => {
    for (let round = 0; round < 20; round += 1) {
      const card = await newCard();
      const guesser = `wx-guesser-${next()}`;
      const answers = await Promise.all(Array.from({ length: 8 }, (_v, i) => sendCode(guesser, card, wrongPhone(i))));
      expect(tally(answers)).toEqual({ mismatched: 5, limited: 3 });
      expect(await sendCode(guesser, card, card.phone)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      expect(await smsCount(app, card.phone)).toBe(0);
      // the card's own allowance is not used up: its owner, on another phone, still gets a code
      expect(await sendCode(`wx-owner-${next()}`, card, card.phone)).toEqual({ ok: true, data: { resendAfter: 60 } });
    }
  },
  RACE_TIMEOUT_MS,
);

test(
  '20 rounds of 3 callers × 6 parallel wrong guesses at one card: exactly 10 are compared, then nobody can confirm its phone',
  async () => {
    for (let round = 0; round < 20; round += 1) {
      const card = await newCard();
      const guessers = [0, 1, 2].map(() => `wx-guesser-${next()}`);
      const answers = await Promise.all(
        guessers.flatMap((guesser, g) =>
          Array.from({ length: 6 }, (_v, i) => sendCode(guesser, card, wrongPhone(g * 6 + i))),
        ),
      );
      expect(tally(answers)).toEqual({ mismatched: 10, limited: 8 });
      for (const answer of [
        await sendCode(`wx-fresh-${next()}`, card, card.phone),
        await sendCode(guessers[0], card, card.phone),
      ]) {
        expect(answer).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      }
      expect(await smsCount(app, card.phone)).toBe(0);
    }
  },
  RACE_TIMEOUT_MS,
);

test('right phones do not count, and bind is limited the same way; the next day starts afresh', async () => {
  const card = await newCard();
  const me = `wx-honest-${next()}`;
  for (let i = 0; i < 6; i += 1) {
    advanceClock(app, 61_000);
    expect(await sendCode(me, card, card.phone)).toMatchObject({ ok: true });
  }
  const bind = (phone: string) =>
    app.call<Envelope<unknown>>(
      'card',
      { action: 'bind', ...card, phone, code: '000000', requestId: `guess-${next()}` },
      me,
    );
  for (let i = 0; i < 5; i += 1) expect(await bind(wrongPhone(i))).toMatchObject({ message: MISMATCH });
  expect(await bind(card.phone)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  advanceClock(app, 24 * 3600_000);
  expect(await bind(wrongPhone(9))).toMatchObject({ message: MISMATCH });
});
