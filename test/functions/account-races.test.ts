import type { LoginResponse, SendCodeResponse } from '../../miniprogram/core/api/account';
import type { Envelope } from '../../miniprogram/core/envelope';
import { useAppCloud } from '../support/app-cloud';
import { advanceClock, freezeClock } from '../support/clock';
import { lastSmsCode, smsCount } from '../support/sms';
import { ROUND_SIZES, tally, warmInstances } from './support/races';
import { AGREED } from '../support/accounts';

// The account function's limits under concurrency (issue 10, defects 6 and 7): parallel calls on
// warm instances, so that they really overlap, many rounds of them.

const app = useAppCloud();
let nextRequest = 0;

beforeAll(async () => {
  freezeClock(app, new Date('2030-03-01T09:00:00+08:00'));
  await warmInstances(app, 'account');
});

const requestId = () => `race-req-${(nextRequest += 1).toString().padStart(6, '0')}`;
const call = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('account', { action, requestId: requestId(), ...params }, openid);

async function register(openid: string, phone: string, password: string): Promise<void> {
  expect((await call('sendCode', openid, { phone, purpose: 'register' })).ok).toBe(true);
  expect((await call('register', openid, { phone, code: await lastSmsCode(app, phone), password, ...AGREED })).ok).toBe(
    true,
  );
}

const WAITING = /^密码错误次数过多，请\d+秒后再试$/;

describe('the login delay holds under concurrency (defect 6)', () => {
  const owner = { openid: 'wx-race-owner', phone: '13900000100', password: 'right4pass' };

  beforeAll(async () => {
    await register(owner.openid, owner.phone, owner.password);
  });

  test.each(ROUND_SIZES.map((size, round) => [round + 1, size]))(
    'round %i: %i wrong passwords at once from one WeChat get 3 password checks at most',
    async (round, size) => {
      const guesser = `wx-race-guesser-${round}`;
      const answers = await Promise.all(
        Array.from({ length: size }, (_v, i) =>
          call<LoginResponse>('login', guesser, { loginName: owner.phone, password: `guess${i}wrong` }),
        ),
      );
      // a checked password answers CREDENTIALS_INVALID; the rest waited without a check
      const checked = Math.min(size, 3);
      expect(tally(answers)).toEqual({
        CREDENTIALS_INVALID: checked,
        ...(size > checked ? { RATE_LIMITED: size - checked } : {}),
      });
      const waits = answers.flatMap((answer) => (!answer.ok && answer.code === 'RATE_LIMITED' ? [answer.message] : []));
      expect(waits).toEqual(waits.map(() => expect.stringMatching(WAITING)));
      // after 3 failures even the right password waits; before them it is checked (and asks to move the link)
      const right = await call<LoginResponse>('login', guesser, { loginName: owner.phone, password: owner.password });
      expect(tally([right])).toEqual(size >= 3 ? { RATE_LIMITED: 1 } : { ok: 1 });
    },
  );

  test('20 wrong old passwords at once in 修改密码 get 3 checks', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_v, i) =>
        call('changePassword', owner.openid, { oldPassword: `guess${i}wrong`, newPassword: 'another4pass' }),
      ),
    );
    expect(tally(answers)).toEqual({ CREDENTIALS_INVALID: 3, RATE_LIMITED: 17 });
  });
});

const sendCode = (openid: string, phone: string, clientIp: string) =>
  app.call<Envelope<SendCodeResponse>>(
    'account',
    { action: 'sendCode', requestId: requestId(), phone, purpose: 'register' },
    openid,
    { clientIp },
  );

/**
 * The phone's daily cap is 10 (docs/api.md): after `used` sends today exactly `10 - used` more go
 * (a minute apart, each from another WeChat identity so that no other cap is reached) and then
 * the day's refusal comes. Answers the codes of those further sends, in order.
 */
async function remainingSends(phone: string, clientIp: string, label: string): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < 11; i += 1) {
    advanceClock(app, 61_000);
    const answer = await sendCode(`wx-${label}-after-${i}`, phone, clientIp);
    outcomes.push(answer.ok ? 'ok' : `${answer.code} ${answer.message}`);
    if (!answer.ok) break;
  }
  return outcomes;
}

const sent = (n: number) => Array.from({ length: n }, () => 'ok');
const DAILY_REFUSAL = 'RATE_LIMITED 今日获取验证码次数已达上限，请明天再试';

describe('a burst of sendCode for one phone sends one SMS and costs one of its 10 a day (defect 7)', () => {
  test.each(ROUND_SIZES.map((size, round) => [round + 1, size]))('round %i: %i at once', async (round, size) => {
    const phone = `1380000${String(round).padStart(4, '0')}`;
    const clientIp = `10.7.${round}.1`;
    const answers = await Promise.all(
      Array.from({ length: size }, (_v, i) => sendCode(`wx-burst-${round}-${i}`, phone, clientIp)),
    );
    expect(tally(answers)).toEqual({ ok: 1, ...(size > 1 ? { RATE_LIMITED: size - 1 } : {}) });
    const refusals = answers.flatMap((answer) => (answer.ok ? [] : [answer.message]));
    expect(refusals).toEqual(refusals.map(() => expect.stringMatching(/^请\d+秒后再获取验证码$/)));
    expect(await smsCount(app, phone)).toBe(1);
    // the 19 refusals took nothing from the phone's day: 9 more codes can come
    expect(await remainingSends(phone, clientIp, `burst-${round}`)).toEqual([...sent(9), DAILY_REFUSAL]);
    expect(await smsCount(app, phone)).toBe(10);
  });

  test('sends the provider failed count against no cap', async () => {
    const phone = '13800009999';
    const clientIp = '10.8.0.1';
    expect((await sendCode('wx-outage-0', phone, clientIp)).ok).toBe(true);
    app.lc.sms.failNext(3);
    for (let i = 1; i <= 3; i += 1) {
      advanceClock(app, 61_000);
      expect(await sendCode(`wx-outage-${i}`, phone, clientIp)).toMatchObject({ code: 'INTERNAL' });
    }
    expect(await smsCount(app, phone)).toBe(1);
    expect(await remainingSends(phone, clientIp, 'outage')).toEqual([...sent(9), DAILY_REFUSAL]);
  });

  test('a failed send leaves the code sent before it good', async () => {
    const phone = '13800009998';
    expect((await sendCode('wx-kept-code', phone, '10.8.0.2')).ok).toBe(true);
    const code = await lastSmsCode(app, phone);
    app.lc.sms.failNext(1);
    advanceClock(app, 61_000);
    expect(await sendCode('wx-kept-code', phone, '10.8.0.2')).toMatchObject({ code: 'INTERNAL' });
    expect(await call('register', 'wx-kept-code', { phone, code, password: 'secret123', ...AGREED })).toMatchObject({
      ok: true,
    });
  });
});
