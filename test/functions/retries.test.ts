import type { CardView } from '../../miniprogram/core/api/card';
import type { Envelope } from '../../miniprogram/core/envelope';
import { useAppCloud } from '../support/app-cloud';
import { advanceClock } from '../support/clock';
import { HJ, HX, data } from '../support/fixtures';
import { lastSmsCode, smsCodes } from '../support/sms';
import { AGREED } from '../support/accounts';

// Retries with the same requestId after an answer was lost (localcloud's /_dev/faults, aimed at
// one chosen database call): the retry gets the first answer, or runs again to the same outcome —
// never "still being processed" for an attempt that is over, never "the code is dead" for a code
// the first attempt used.

const app = useAppCloud();
let n = 0;
const newRequestId = () => `retry-req-${(n += 1).toString().padStart(6, '0')}`;

afterEach(async () => {
  await fault({ clear: true });
});

async function fault(spec: object): Promise<void> {
  const res = await fetch(`${app.lc.url}/_dev/faults`, { method: 'POST', body: JSON.stringify(spec) });
  expect(res.status).toBe(200);
}

const call = <T>(fn: string, openid: string, event: object) => app.call<Envelope<T>>(fn, event, openid);

describe('the request marker', () => {
  test("the marker's own write answered with an error: the retry runs at once", async () => {
    const me = 'wx-retry-marker-lost';
    const requestId = newRequestId();
    await fault({ mode: 'failAfterWrite', collection: 'requests', op: 'insertDocument' });
    expect(await call('site', me, { action: 'select', siteId: HX, requestId })).toMatchObject({ code: 'INTERNAL' });
    expect(
      data(await call<{ site: { id: string } }>('site', me, { action: 'select', siteId: HX, requestId })),
    ).toMatchObject({ site: { id: HX } });
  });

  test('the answer never kept and the marker not released: CONFLICT until the time limit has passed', async () => {
    const me = 'wx-retry-marker-stuck';
    const requestId = newRequestId();
    await fault({ mode: 'fail', collection: 'requests', op: 'modifyDocument' });
    await fault({ mode: 'fail', collection: 'requests', op: 'removeDocument' });
    expect(await call('site', me, { action: 'select', siteId: HX, requestId })).toMatchObject({ code: 'INTERNAL' });
    // the attempt might still be running (as far as anyone can tell) within site's 5 s limit
    expect(await call('site', me, { action: 'select', siteId: HX, requestId })).toMatchObject({
      code: 'CONFLICT',
      message: '上一次提交仍在处理中，请稍后再试',
    });
    advanceClock(app, 5_000 + 2_000 + 1_000);
    expect(
      data(await call<{ site: { id: string } }>('site', me, { action: 'select', siteId: HX, requestId })),
    ).toMatchObject({ site: { id: HX } });
  });
});

describe('a retry answers as the first attempt did', () => {
  test('a repeated sendCode: the first answer again, and one SMS', async () => {
    const me = 'wx-retry-sendcode';
    const phone = '13755550001';
    const requestId = newRequestId();
    const first = data(await call('account', me, { action: 'sendCode', phone, purpose: 'register', requestId }));
    expect(first).toEqual({ resendAfter: 60 });
    advanceClock(app, 10_000);
    expect(await call('account', me, { action: 'sendCode', phone, purpose: 'register', requestId })).toEqual({
      ok: true,
      data: first,
    });
    expect(await smsCodes(app, phone)).toHaveLength(1);
  });

  test('a late retry of select answers the site it chose, and leaves the later choice alone', async () => {
    const me = 'wx-retry-late-select';
    const firstId = newRequestId();
    data(await call('site', me, { action: 'select', siteId: HX, requestId: firstId }));
    data(await call('site', me, { action: 'select', siteId: HJ, requestId: newRequestId() }));
    expect(data(await call('site', me, { action: 'select', siteId: HX, requestId: firstId }))).toMatchObject({
      site: { id: HX },
    });
    expect(data(await call('site', me, { action: 'current' }))).toMatchObject({ site: { id: HJ } });
  });
});

describe('card.bind and card.unbind find their first outcome', () => {
  const card = { siteId: HX, type: 'access', number: 'HX3001', phone: '13912340002' };

  async function sendCode(me: string): Promise<string> {
    advanceClock(app, 61_000); // one send per 60 s per phone
    data(await call('card', me, { action: 'sendCode', ...card, requestId: newRequestId() }));
    return lastSmsCode(app, card.phone);
  }

  test.each([
    ['the code used, its answer lost', { collection: 'verificationCodes', op: 'modifyDocument' }],
    ['the card bound, its answer lost', { collection: 'cardBindings', op: 'insertDocument' }],
    ["the bind recorded, the request's answer lost", { collection: 'requests', op: 'modifyDocument' }],
  ])('%s: the retry answers with the bound card', async (_case, target) => {
    const me = `wx-retry-bind-${target.collection}`;
    const code = await sendCode(me);
    const bind = { action: 'bind', ...card, code, requestId: newRequestId() };
    await fault({ mode: 'failAfterWrite', ...target });
    expect(await call('card', me, bind)).toMatchObject({ ok: false, code: 'INTERNAL' });
    const retried = data(await call<{ card: CardView }>('card', me, bind)).card;
    expect(retried).toMatchObject({ id: `${HX}:HX3001`, number: 'HX3001', type: 'access' });
    expect(data(await call<{ cards: CardView[] }>('card', me, { action: 'list' })).cards.map((c) => c.id)).toEqual([
      retried.id,
    ]);
    // the code is still single use: another request with it is refused
    expect(await call('card', me, { ...bind, requestId: newRequestId() })).toMatchObject({
      ok: false,
      message: '验证码已失效，请重新获取',
    });

    // unbind with the removal's answer lost: the retry says unbound, and the card is free
    const unbind = { action: 'unbind', cardId: retried.id, requestId: newRequestId() };
    await fault({ mode: 'failAfterWrite', collection: 'cardBindings', op: 'removeDocument' });
    expect(await call('card', me, unbind)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await call('card', me, unbind)).toEqual({ ok: true, data: { unbound: true } });
    expect(data(await call<{ cards: CardView[] }>('card', me, { action: 'list' })).cards).toEqual([]);
    expect(await call('card', me, { ...unbind, requestId: newRequestId() })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  test("someone else's retry token does not unbind or confirm anything", async () => {
    const owner = 'wx-retry-owner';
    const other = 'wx-retry-other';
    const code = await sendCode(owner);
    const bound = data(
      await call<{ card: CardView }>('card', owner, { action: 'bind', ...card, code, requestId: newRequestId() }),
    ).card;
    const requestId = newRequestId();
    data(await call('card', owner, { action: 'unbind', cardId: bound.id, requestId }));
    expect(await call('card', other, { action: 'unbind', cardId: bound.id, requestId })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});

/** Sends a code for `purpose` and reads it from the SMS stand-in. */
async function smsCodeFor(me: string, phone: string, purpose: 'register' | 'reset'): Promise<string> {
  data(await call('account', me, { action: 'sendCode', phone, purpose, requestId: newRequestId() }));
  return lastSmsCode(app, phone);
}

describe('accounts: the retry of a registration or a reset whose answer was lost', () => {
  test('register: the account the first run made, not 当前微信已登录账号', async () => {
    const me = 'wx-retry-register';
    const phone = '13800007001';
    const code = await smsCodeFor(me, phone, 'register');
    const requestId = newRequestId();
    const register = () =>
      call<{ profile: { phone?: string } }>('account', me, {
        action: 'register',
        ...AGREED,
        phone,
        code,
        password: 'Retry-2026',
        requestId,
      });
    await fault({ mode: 'failAfterWrite', collection: 'users', op: 'modifyDocument' });
    expect(await register()).toMatchObject({ ok: false, code: 'INTERNAL' });
    const retried = data(await register());
    expect(retried.profile).toMatchObject({ hasAccount: true });
    expect(app.lc.db.count('users', { phone })).toBe(1);
    // another request with the same code is a second registration: refused
    expect(
      await call('account', me, {
        action: 'register',
        ...AGREED,
        phone,
        code,
        password: 'Retry-2026',
        requestId: newRequestId(),
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  test('resetPassword: the password set, not 验证码已失效', async () => {
    const me = 'wx-retry-reset';
    const phone = '13800007002';
    data(
      await call('account', me, {
        action: 'register',
        ...AGREED,
        phone,
        code: await smsCodeFor(me, phone, 'register'),
        password: 'Before-2026',
        requestId: newRequestId(),
      }),
    );
    const code = await smsCodeFor(me, phone, 'reset');
    const requestId = newRequestId();
    const reset = () =>
      call('account', me, { action: 'resetPassword', phone, code, password: 'After-2026x', requestId });
    await fault({ mode: 'failAfterWrite', collection: 'users', op: 'modifyDocument' });
    expect(await reset()).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await reset()).toEqual({ ok: true, data: { done: true } });
    expect(
      await call('account', 'wx-retry-reset-other', {
        action: 'login',
        loginName: phone,
        password: 'After-2026x',
        requestId: newRequestId(),
      }),
    ).toMatchObject({ ok: true });
  });
});
