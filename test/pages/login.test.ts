/**
 * Logging in (R1–R3) through the pages: one account reached by phone, email, account ID and WeChat; a wrong
 * password; an account moved from one WeChat to another only after the person agrees.
 */
import { accountFor, logOut } from '../support/accounts';
import { PAGES } from '../support/pages';
import { usePageTests } from './support/app';
import {
  answerModal,
  blur,
  canSubmit,
  fill,
  logInWithPassword,
  logOutThroughPages,
  mineHeader,
  notice,
  openTab,
  registerThroughPages,
  tip,
} from './support/account';
import { waitUntil } from './support/wait';
import { newPhone } from './support/wx-client';

const app = usePageTests();

test('register → log out → log in by phone, by email, by account ID and by WeChat: always the same account', async () => {
  const mp = await app.launch(PAGES.home, 'newcomer');
  const accountId = await registerThroughPages(app.cloud, mp, {
    phone: '13900000001',
    password: 'secret123',
    email: 'zhang.wei@example.com',
  });
  expect(await mineHeader(mp)).toBe(`139****0001账号ID ${accountId}`);

  for (const loginName of ['13900000001', 'zhang.wei@example.com', accountId]) {
    await logOutThroughPages(mp);
    await logInWithPassword(mp, loginName, 'secret123');
    await mp.waitForPage(PAGES.home);
    await openTab(mp, 'mine');
    expect(await mineHeader(mp)).toBe(`139****0001账号ID ${accountId}`);
  }
  expect(mp.phone.calls.showModal.map((modal) => modal.title)).toEqual(['退出登录', '退出登录', '退出登录']);

  // the same WeChat on a new phone (nothing remembered): one tap reaches the account
  const again = await app.launch(PAGES.login, 'newcomer');
  again.currentPage.tap('.wechat-login', '.t-button');
  await again.waitForPage(PAGES.home);
  expect(again.phone.calls.showToast).toEqual([{ title: '登录成功', icon: 'success' }]);
  await openTab(again, 'mine');
  expect(await mineHeader(again)).toBe(`139****0001账号ID ${accountId}`);
});

test('one tap for a WeChat user without an account says so and offers 注册 / 绑定已有账号, never 登录成功', async () => {
  const mp = await app.launch(PAGES.login, 'newcomer');
  const login = mp.currentPage;
  login.tap('.wechat-login', '.t-button');
  await waitUntil(() => login.has('.no-account'), 'the no-account answer');
  expect(login.text('.no-account')).toBe(
    '该微信还没有通行账号注册一个账号，或绑定您已有的账号，之后用这个微信即可一键登录。注册绑定已有账号暂不注册，先用微信身份使用',
  );
  expect(mp.phone.calls.showToast).toEqual([]);
  expect(mp.phone.calls.switchTab).toEqual([]);

  login.tap('.no-account__register', '.t-button');
  await mp.waitForPage(PAGES.register);
  await mp.navigateBack(1);

  // the app still works without an account: 我的 says 未登录账号
  login.tap('.no-account__skip');
  await mp.waitForPage(PAGES.home);
  expect(mp.phone.calls.showToast).toEqual([]);
  await openTab(mp, 'mine');
  expect(await mineHeader(mp)).toBe('未登录账号');
});

test('a wrong password says 账号或密码错误, and so does an account that does not exist', async () => {
  await accountFor(app.cloud, 'wx-owner', { phone: '13900000002', password: 'secret123' });
  await logOut(app.cloud, 'wx-owner');
  const mp = await app.launch(PAGES.login, 'newcomer');
  const login = mp.currentPage;

  await logInWithPassword(mp, '13900000002', 'secret124');
  expect(notice(login)).toBe('账号或密码错误');
  expect(mp.routes).toEqual([PAGES.login]);

  // editing answers the refusal; the next one says the same for a phone nobody registered
  await fill(login, 'password', 'secret123');
  expect(notice(login)).toBe('');
  await logInWithPassword(mp, '13900000009', 'secret123');
  expect(notice(login)).toBe('账号或密码错误');
});

test('the login form checks as the person types: 登录 waits for an account name and a password', async () => {
  const mp = await app.launch(PAGES.login, 'newcomer');
  const login = mp.currentPage;
  expect(canSubmit(login)).toBe(false);

  await fill(login, 'login-name', 'zhangwei', true);
  expect(tip(login, 'login-name')).toBe('请输入8位账号ID、11位手机号或邮箱');
  await fill(login, 'login-name', 'zhangwei@example.com');
  expect(tip(login, 'login-name')).toBe('');
  expect(canSubmit(login)).toBe(false);

  await blur(login, 'password');
  expect(tip(login, 'password')).toBe('请填写密码');
  await fill(login, 'password', 'x');
  expect(canSubmit(login)).toBe(true);
  expect(mp.phone.calls.callFunction).toEqual([]);
});

describe('an account linked to another WeChat (two phones)', () => {
  test('moves to this WeChat only after the person agrees, and the other WeChat is signed out', async () => {
    const first = await app.launch(PAGES.home, 'newcomer');
    const accountId = await registerThroughPages(app.cloud, first, { phone: '13900000003', password: 'secret123' });
    first.exit();

    const second = await app.launch(
      PAGES.login,
      newPhone('wx-second-phone', () => app.cloud.lc.url),
    );
    await logInWithPassword(second, accountId, 'secret123');
    const asked = await answerModal(second, false);
    expect(asked).toMatchObject({ title: '账号已关联其他微信', confirmText: '继续登录', cancelText: '取消' });
    expect(asked.content).toContain('另一个微信将退出登录');
    await second.settled();
    expect(second.routes).toEqual([PAGES.login]);

    // cancelled: nothing moved
    const firstAgain = await app.launch(PAGES.mine, first.phone);
    expect(await mineHeader(firstAgain)).toBe(`139****0003账号ID ${accountId}`);
    firstAgain.exit();

    const secondAgain = await app.launch(PAGES.login, second.phone);
    await logInWithPassword(secondAgain, accountId, 'secret123');
    await answerModal(secondAgain, true);
    await secondAgain.waitForPage(PAGES.home);
    await openTab(secondAgain, 'mine');
    expect(await mineHeader(secondAgain)).toBe(`139****0003账号ID ${accountId}`);
    secondAgain.exit();

    // the first phone still remembers the account and paints it, then the function says it is signed out
    const firstLast = await app.launch(PAGES.mine, first.phone);
    expect(firstLast.currentPage.text('.mine__who')).toBe(`139****0003账号ID ${accountId}`);
    await waitUntil(() => firstLast.currentPage.text('.mine__who').startsWith('未登录账号'), 'the signed-out header');
  });
});
