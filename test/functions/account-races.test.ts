import type { LoginResponse } from '../../miniprogram/core/api/account';
import type { Envelope } from '../../miniprogram/core/envelope';
import { startAppCloud, type AppCloud } from '../support/app-cloud';
import { ROUND_SIZES, freezeClock, tally, warmInstances } from './support/races';

// The account function's limits under concurrency (issue 10, defects 6 and 7): parallel calls on
// warm instances, so that they really overlap, many rounds of them.

let app: AppCloud;
let nextRequest = 0;

beforeAll(async () => {
  app = await startAppCloud();
  await freezeClock(app, '2030-03-01T09:00:00+08:00');
  await warmInstances(app, 'account');
});

afterAll(async () => {
  await app.stop();
});

const requestId = () => `race-req-${(nextRequest += 1).toString().padStart(6, '0')}`;
const call = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('account', { action, requestId: requestId(), ...params }, openid);

async function lastCode(phone: string): Promise<string> {
  const res = await fetch(`${app.lc.url}/_dev/outbox?kind=sms&recipient=${phone}`);
  const { messages } = (await res.json()) as { messages: Array<{ payload: { params: string[] } }> };
  const last = messages.at(-1);
  if (!last) throw new Error(`no SMS to ${phone}`);
  return last.payload.params[0];
}

async function register(openid: string, phone: string, password: string): Promise<void> {
  expect((await call('sendCode', openid, { phone, purpose: 'register' })).ok).toBe(true);
  expect((await call('register', openid, { phone, code: await lastCode(phone), password })).ok).toBe(true);
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
