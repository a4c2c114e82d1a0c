import type { LoginResponse, Profile, SendCodeResponse } from '../../miniprogram/core/api/account';
import type { Envelope } from '../../miniprogram/core/envelope';
import { LEGAL_EDITION } from '../../miniprogram/core/consent';
import { AGREED } from '../support/accounts';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { advanceClock, resetClock, startTomorrowMorning } from '../support/clock';
import { data } from '../support/fixtures';
import { lastSmsCode } from '../support/sms';

// The `account` function (R1–R5) through the dev gateway; SMS codes are read where localcloud's
// stand-in of the Tencent Cloud SMS API recorded them.

const app = useAppCloud();
let nextRequest = 0;

afterEach(() => {
  resetClock(app);
});

const requestId = () => `test-req-${(nextRequest += 1).toString().padStart(6, '0')}`;
const call = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('account', { action, requestId: requestId(), ...params }, openid);

async function register(openid: string, phone: string, password = 'secret123', extra: object = {}): Promise<Profile> {
  data(await call<SendCodeResponse>('sendCode', openid, { phone, purpose: 'register' }));
  return data(
    await call<{ profile: Profile }>('register', openid, {
      ...AGREED,
      phone,
      code: await lastSmsCode(app, phone),
      password,
      ...extra,
    }),
  ).profile;
}

const login = (openid: string, loginName: string, password: string, confirmMove?: boolean) =>
  call<LoginResponse>('login', openid, { loginName, password, ...(confirmMove ? { confirmMove } : {}) });

describe('register and log in every way (R1–R3)', () => {
  test('register → log out → log in by phone, email, account ID and WeChat reach the same account', async () => {
    const me = 'wx-register-1';
    const profile = await register(me, '13900000001', 'secret123', { email: 'Zhang.Wei@Example.com' });
    expect(profile).toEqual({
      hasAccount: true,
      accountId: expect.stringMatching(/^\d{8}$/),
      maskedPhone: '139****0001',
      email: 'zhang.wei@example.com',
    });
    for (const name of ['13900000001', 'zhang.wei@example.com', profile.accountId as string]) {
      expect(data(await call<{ profile: Profile }>('logout', me)).profile.hasAccount).toBe(false);
      expect(data(await call<{ profile: Profile }>('profile', me)).profile.hasAccount).toBe(false);
      const answer = data(await login(me, name, 'secret123'));
      expect(answer).toEqual({ needsConfirmation: false, profile });
    }
    expect(data(await call<{ profile: Profile }>('wechatLogin', me)).profile).toEqual(profile);
  });

  test('what a WeChat user did before registering stays theirs', async () => {
    const me = 'wx-register-2';
    await app.call('site', { action: 'select', siteId: 'site-hongjin-ge', requestId: requestId() }, me);
    await register(me, '13900000002');
    const current = (await app.call('site', { action: 'current' }, me)) as Envelope<{ site: { id: string } }>;
    expect(data(current).site.id).toBe('site-hongjin-ge');
  });

  test('a registered phone cannot register again, nor get a register code', async () => {
    await register('wx-register-3', '13900000003');
    expect(await call('sendCode', 'wx-register-3b', { phone: '13900000003', purpose: 'register' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该手机号已注册，请直接登录',
    });
  });

  test('WeChat one-tap login works for anyone, with or without an account', async () => {
    expect(data(await call<{ profile: Profile }>('wechatLogin', DEMO_OPENIDS.newcomer)).profile).toEqual({
      hasAccount: false,
    });
  });
});

describe('头像昵称 (updateProfile) and one-tap login without an account', () => {
  const avatar = 'cloud://tongxing-dev.tongxing-dev/avatars/wx-nick-1/1764000000000.png';

  test('a WeChat user without an account: one-tap login answers hasAccount false and changes nothing', async () => {
    const me = 'wx-one-tap-newcomer';
    const answer = data(await call<{ profile: Profile }>('wechatLogin', me));
    expect(answer).toEqual({ profile: { hasAccount: false } });
    expect(data(await call<{ profile: Profile }>('profile', me))).toEqual(answer);
  });

  test('the nickname and avatar are stored per user and come back with the profile, account or not', async () => {
    const me = 'wx-nick-1';
    const saved = data(await call<{ profile: Profile }>('updateProfile', me, { nickname: ' 小张 ' }));
    expect(saved.profile).toEqual({ hasAccount: false, nickname: '小张' });
    data(await call('updateProfile', me, { avatarFileId: avatar }));
    expect(data(await call<{ profile: Profile }>('profile', me)).profile).toEqual({
      hasAccount: false,
      nickname: '小张',
      avatarFileId: avatar,
    });
    const account = await register(me, '13900000061');
    expect(account).toMatchObject({ hasAccount: true, nickname: '小张', avatarFileId: avatar });
    // someone else's profile is untouched
    expect(data(await call<{ profile: Profile }>('profile', 'wx-nick-other')).profile).toEqual({ hasAccount: false });
  });

  test.each([
    [{}, '请选择头像或填写昵称'],
    [{ nickname: '' }, '请填写昵称'],
    [{ nickname: '名'.repeat(21) }, '昵称最多20个字'],
    [{ nickname: { $ne: null } }, '昵称格式不正确'],
    [{ avatarFileId: 'https://example.com/me.png' }, '头像须为上传到本应用云存储的图片'],
    [{ avatarFileId: 'cloud://env.bucket/cards/x.png' }, '头像须为上传到本应用云存储的图片'],
  ])('bad input %j is refused in words', async (params, message) => {
    const answer = await call('updateProfile', 'wx-nick-bad', params);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(answer.ok ? '' : answer.message).toContain(message);
  });
});

describe('wrong passwords', () => {
  beforeAll(async () => {
    await register('wx-owner', '13900000010', 'right4pass');
  });

  test('an unknown account and a wrong password get the same answer', async () => {
    const wrong = await login('wx-guesser-1', '13900000010', 'wrong4pass');
    const unknown = await login('wx-guesser-1', '13911111111', 'wrong4pass');
    const nonsense = await login('wx-guesser-1', 'not-a-login', 'wrong4pass');
    expect(wrong).toEqual({ ok: false, code: 'CREDENTIALS_INVALID', message: '账号或密码错误' });
    expect(unknown).toEqual(wrong);
    expect(nonsense).toEqual(wrong);
  });

  test('repeated failures slow that WeChat down, never the owner on their own phone', async () => {
    const guesser = 'wx-guesser-2';
    // three wrong passwords are checked; the fourth attempt, even with the right password, waits 2 s
    for (let i = 0; i < 3; i += 1) {
      expect(await login(guesser, '13900000010', `guess${i}aaa`)).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    }
    const slowed = await login(guesser, '13900000010', 'right4pass');
    expect(slowed).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^密码错误次数过多，请[12]秒后再试$/),
    });
    expect(data(await login('wx-owner', '13900000010', 'right4pass')).needsConfirmation).toBe(false);
    advanceClock(app, 2_000);
    // after the wait the right password works (and asks before moving the owner's link)
    expect(data(await login(guesser, '13900000010', 'right4pass'))).toEqual({ needsConfirmation: true });
  });
});

describe('a second WeChat identity', () => {
  test('moves the link only after confirmation, and the first is signed out', async () => {
    const profile = await register('wx-phone-a', '13900000020', 'movable1');
    expect(data(await login('wx-phone-b', '13900000020', 'movable1'))).toEqual({ needsConfirmation: true });
    expect(data(await call<{ profile: Profile }>('profile', 'wx-phone-a')).profile).toEqual(profile);
    expect(data(await login('wx-phone-b', '13900000020', 'movable1', true))).toEqual({
      needsConfirmation: false,
      profile,
    });
    expect(data(await call<{ profile: Profile }>('profile', 'wx-phone-a')).profile.hasAccount).toBe(false);
    expect(data(await call<{ profile: Profile }>('profile', 'wx-phone-b')).profile).toEqual(profile);
  });
});

describe('forgot and change password (R4, R5)', () => {
  test('reset by SMS code: the old password is refused, the new one works, other WeChats are signed out', async () => {
    await register('wx-reset-owner', '13900000030', 'oldpass11');
    data(await call('sendCode', 'wx-reset-other', { phone: '13900000030', purpose: 'reset' }));
    const code = await lastSmsCode(app, '13900000030');
    data(await call('resetPassword', 'wx-reset-other', { phone: '13900000030', code, password: 'newpass22' }));
    expect(data(await call<{ profile: Profile }>('profile', 'wx-reset-owner')).profile.hasAccount).toBe(false);
    expect(await login('wx-reset-other', '13900000030', 'oldpass11')).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect(data(await login('wx-reset-other', '13900000030', 'newpass22')).needsConfirmation).toBe(false);
  });

  test('a reset code for an unregistered phone is refused', async () => {
    expect(await call('sendCode', 'wx-x', { phone: '13900000039', purpose: 'reset' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  test('change password needs the old one', async () => {
    await register('wx-change', '13900000040', 'firstpw1');
    expect(
      await call('changePassword', 'wx-change', { oldPassword: 'nope12345', newPassword: 'second22' }),
    ).toMatchObject({
      ok: false,
      code: 'CREDENTIALS_INVALID',
      message: '原密码错误',
    });
    data(await call('changePassword', 'wx-change', { oldPassword: 'firstpw1', newPassword: 'second22' }));
    data(await call('logout', 'wx-change'));
    expect(await login('wx-change', '13900000040', 'firstpw1')).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect(data(await login('wx-change', '13900000040', 'second22')).needsConfirmation).toBe(false);
  });

  test('a password that breaks the rules is refused with the rule', async () => {
    data(await call('sendCode', 'wx-weak', { phone: '13900000041', purpose: 'register' }));
    const code = await lastSmsCode(app, '13900000041');
    expect(
      await call('register', 'wx-weak', { ...AGREED, phone: '13900000041', code, password: 'onlyletters' }),
    ).toEqual({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '密码需包含数字',
    });
  });
});

/** Registers `phone` as `openid` with the agreement `consent` (whatever the phone sends). */
const registerAs = async (openid: string, phone: string, consent?: unknown) => {
  data(await call('sendCode', openid, { phone, purpose: 'register' }));
  const code = await lastSmsCode(app, phone);
  return call<{ profile: Profile }>('register', openid, { phone, code, password: 'secret123', consent });
};

describe('consent to the 用户协议 and 隐私政策 (PIPL)', () => {
  test('registering without agreeing is refused in words, and nothing is made', async () => {
    const phone = '13900000080';
    data(await call('sendCode', 'wx-no-consent', { phone, purpose: 'register' }));
    const code = await lastSmsCode(app, phone);
    for (const consent of [undefined, null, {}, { edition: '' }, 'yes', true, ['2026-12-02']]) {
      expect(await call('register', 'wx-no-consent', { phone, code, password: 'secret123', consent })).toEqual({
        ok: false,
        code: 'INVALID_ARGUMENT',
        message: '请先阅读并同意《用户协议》和《隐私政策》',
      });
    }
    expect(app.lc.db.count('users', { phone })).toBe(0);
  });

  test('an agreement to another edition of the texts is refused: the person is asked to read the new one', async () => {
    expect(await registerAs('wx-old-consent', '13900000081', { edition: '2020-01-01' })).toEqual({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '《用户协议》和《隐私政策》已更新，请重新阅读并同意',
    });
  });

  test('the account keeps the edition agreed to and the server time of the agreement', async () => {
    // a week on: the time kept is the server's (localcloud's clock), not anything the phone could send
    advanceClock(app, 7 * 24 * 3600_000);
    const before = app.lc.clock.now();
    const answer = await registerAs('wx-consent', '13900000082', { ...AGREED.consent, agreedAt: '2020-01-01' });
    expect(answer.ok).toBe(true);
    const [user] = app.lc.db.find('users', { phone: '13900000082' }, {});
    const { edition, agreedAt } = user.consent as { edition: string; agreedAt: Date };
    expect(edition).toBe(LEGAL_EDITION);
    expect(agreedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(agreedAt.getTime()).toBeLessThanOrEqual(app.lc.clock.now());
  });
});

/** A register code to the `i`th of a run of phones, from `clientIp`. */
const sendFrom = (i: number, clientIp: string) =>
  app.call<Envelope<SendCodeResponse>>(
    'account',
    {
      action: 'sendCode',
      requestId: requestId(),
      phone: `1360000${String(i).padStart(4, '0')}`,
      purpose: 'register',
    },
    // a WeChat identity per 10 sends keeps its own cap (20) out of the way
    `wx-ip-sender-${clientIp}-${Math.floor(i / 10)}`,
    { clientIp },
  );

describe('SMS code limits', () => {
  test('five wrong codes are answered "wrong"; after them even the right code is dead', async () => {
    const phone = '13900000050';
    data(await call('sendCode', 'wx-codes', { phone, purpose: 'register' }));
    const right = await lastSmsCode(app, phone);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      expect(
        await call('register', 'wx-codes', { ...AGREED, phone, code: wrong, password: 'secret123' }),
      ).toMatchObject({
        message: '验证码错误',
      });
    }
    expect(await call('register', 'wx-codes', { ...AGREED, phone, code: right, password: 'secret123' })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: '验证码已失效，请重新获取',
    });
  });

  test('a code expires after 5 minutes', async () => {
    const phone = '13900000051';
    data(await call('sendCode', 'wx-expiry', { phone, purpose: 'register' }));
    const code = await lastSmsCode(app, phone);
    advanceClock(app, 5 * 60_000 + 1_000);
    expect(await call('register', 'wx-expiry', { ...AGREED, phone, code, password: 'secret123' })).toMatchObject({
      message: '验证码已失效，请重新获取',
    });
  });

  test('one send per 60 s per phone', async () => {
    const phone = '13900000052';
    data(await call('sendCode', 'wx-resend', { phone, purpose: 'register' }));
    advanceClock(app, 36_000);
    const refused = await call('sendCode', 'wx-resend-2', { phone, purpose: 'register' });
    expect(refused).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^请\d+秒后再获取验证码$/),
    });
    // the wait in seconds too, so the page can count it down on its button: the number the message says
    const { retryAfter, message } = refused as { retryAfter?: number; message: string };
    expect(retryAfter).toBeGreaterThanOrEqual(23);
    expect(retryAfter).toBeLessThanOrEqual(24);
    expect(message).toBe(`请${retryAfter}秒后再获取验证码`);
    advanceClock(app, 61_000);
    expect(data(await call<SendCodeResponse>('sendCode', 'wx-resend', { phone, purpose: 'register' }))).toEqual({
      resendAfter: 60,
    });
  });

  test('10 sends a day per phone, then refused until tomorrow', async () => {
    startTomorrowMorning(app);
    const phone = '13900000053';
    for (let i = 0; i < 10; i += 1) {
      data(await call('sendCode', `wx-daily-${i}`, { phone, purpose: 'register' }));
      advanceClock(app, 61_000);
    }
    const capped = await call('sendCode', 'wx-daily-x', { phone, purpose: 'register' });
    expect(capped).toMatchObject({ code: 'RATE_LIMITED', message: '今日获取验证码次数已达上限，请明天再试' });
    // no countdown for a wait until tomorrow: the page shows the words
    expect(capped).not.toHaveProperty('retryAfter');
    advanceClock(app, 24 * 3600_000);
    expect((await call('sendCode', 'wx-daily-x', { phone, purpose: 'register' })).ok).toBe(true);
  });

  test('20 sends a day per WeChat identity, whatever the phones', async () => {
    startTomorrowMorning(app);
    for (let i = 0; i < 20; i += 1)
      data(
        await call('sendCode', 'wx-sprayer', { phone: `1370000${String(i).padStart(4, '0')}`, purpose: 'register' }),
      );
    expect(await call('sendCode', 'wx-sprayer', { phone: '13700009999', purpose: 'register' })).toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  test('50 sends a day per client IP, each address its own (X-WX-CLIENTIP)', async () => {
    startTomorrowMorning(app);
    for (let i = 0; i < 50; i += 1) data(await sendFrom(i, '203.0.113.7'));
    expect(await sendFrom(50, '203.0.113.7')).toMatchObject({
      code: 'RATE_LIMITED',
      message: '今日获取验证码次数已达上限，请明天再试',
    });
    // another network's callers are not held back by the first one's sends
    expect(data(await sendFrom(51, '198.51.100.9'))).toEqual({ resendAfter: 60 });
  });

  test('the SMS provider down: a plain refusal, and the user may retry at once', async () => {
    app.lc.sms.failNext(1);
    const phone = '13900000054';
    expect(await call('sendCode', 'wx-outage', { phone, purpose: 'register' })).toEqual({
      ok: false,
      code: 'INTERNAL',
      message: '短信发送失败，请稍后再试',
    });
    expect((await call('sendCode', 'wx-outage', { phone, purpose: 'register' })).ok).toBe(true);
  });
});

describe('identity and concurrency', () => {
  test('an openid in the event is ignored: registering changes only the caller', async () => {
    const phone = '13900000060';
    data(await call('sendCode', 'wx-real-caller', { phone, purpose: 'register' }));
    const code = await lastSmsCode(app, phone);
    data(
      await call('register', 'wx-real-caller', {
        ...AGREED,
        phone,
        code,
        password: 'secret123',
        openid: DEMO_OPENIDS.newcomer,
      }),
    );
    expect(data(await call<{ profile: Profile }>('profile', DEMO_OPENIDS.newcomer)).profile.hasAccount).toBe(false);
    expect(data(await call<{ profile: Profile }>('profile', 'wx-real-caller')).profile.hasAccount).toBe(true);
  });

  test('20 concurrent registrations of one phone make exactly one account', async () => {
    const phone = '13900000070';
    data(await call('sendCode', 'wx-race-0', { phone, purpose: 'register' }));
    const code = await lastSmsCode(app, phone);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_v, i) =>
        call('register', `wx-race-${i}`, { ...AGREED, phone, code, password: 'secret123' }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(app.lc.db.count('users', { phone })).toBe(1);
  });
});
