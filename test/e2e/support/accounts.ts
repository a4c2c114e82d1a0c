/**
 * The account journeys in the browser (R1–R5), as a person goes through them: register, log in and out, read 我的;
 * and accounts made straight through the `account` function (test/support/accounts.ts) for tests about what
 * comes after registering.
 */
import { accountFor, logOut, type NewAccount } from '../../support/accounts';
import { PAGES } from '../../support/pages';
import { smsCode, smsCount } from '../../support/sms';
import type { PreviewPhone, RunningPreview } from './preview-app';
import { expectText, normalize } from '../../../preview/driver/wait';

/** Taps 获取验证码 on a form whose phone is typed already, and reads the code from the SMS it sends. */
export async function requestCode(browser: PreviewPhone, app: RunningPreview, route: string, phone: string) {
  const sent = await smsCount(app.cloud, phone);
  await browser.tapButton(route, 'code-button');
  return smsCode(app.cloud, phone, sent);
}

/**
 * The fields a form that proves the phone by SMS asks for (注册, 找回密码): the phone typed, 获取验证码 tapped, the
 * code from the SMS typed, then the password. The form is left to be submitted.
 */
export async function fillPhoneCodeAndPassword(
  browser: PreviewPhone,
  app: RunningPreview,
  route: string,
  account: { phone: string; password: string },
): Promise<void> {
  await browser.fill(route, 'field-phone', account.phone);
  const code = await requestCode(browser, app, route, account.phone);
  await browser.fill(route, 'field-code', code);
  await browser.fill(route, 'field-password', account.password);
}

/**
 * Registers from 我的 as a WeChat user without an account: 登录 / 注册 → 注册 → phone, 获取验证码, the code from
 * the SMS, password (and email), 我已阅读并同意 → 注册, which lands on home. Returns the account ID 我的 shows then.
 */
export async function registerInBrowser(browser: PreviewPhone, app: RunningPreview, account: NewAccount) {
  await browser.openTab(PAGES.mine);
  await expectText(browser.node(PAGES.mine, 'mine__who'), '未登录账号');
  await browser.tapButton(PAGES.mine, 'login');
  await browser.waitForPage(PAGES.login);
  await browser.tap(PAGES.login, 'link-register');
  await browser.waitForPage(PAGES.register);

  await fillPhoneCodeAndPassword(browser, app, PAGES.register, account);
  if (account.email) await browser.fill(PAGES.register, 'field-email', account.email);
  await browser.tap(PAGES.register, 'agreement__check');
  await browser.tapButton(PAGES.register, 'submit');
  await browser.waitForToast('注册成功');
  await browser.waitForPage(PAGES.home);
  expect(await browser.routes()).toEqual([PAGES.home]);
  return accountIdOnMine(browser);
}

/** 我的's header once it shows an account — the masked phone over `账号ID 12345678` — and the account ID in it. */
export async function accountIdOnMine(browser: PreviewPhone): Promise<string> {
  await browser.openTab(PAGES.mine);
  const who = browser.node(PAGES.mine, 'mine__who');
  await expectText(who, '账号ID');
  const accountId = /账号ID(\d{8})/.exec(normalize(await who.innerText()))?.[1];
  if (!accountId) throw new Error(`no account ID on 我的: ${await who.innerText()}`);
  return accountId;
}

/** 退出登录 on 我的, confirmed, which lands on the login page. */
export async function logOutInBrowser(browser: PreviewPhone): Promise<void> {
  await browser.openTab(PAGES.mine);
  await browser.tapButton(PAGES.mine, 'logout');
  const asked = await browser.answerModal('退出');
  expect(asked.title).toBe('退出登录');
  await browser.waitForPage(PAGES.login);
}

/** Types an account name (account ID, phone or email) and a password on the login page and taps 登录. */
export async function logInWithPassword(browser: PreviewPhone, loginName: string, password: string): Promise<void> {
  await browser.waitForPage(PAGES.login);
  await browser.fill(PAGES.login, 'field-login-name', loginName);
  await browser.fill(PAGES.login, 'field-password', password);
  await browser.tapButton(PAGES.login, 'submit');
}

/** The refusal the login page shows once the function has answered 登录. */
export async function expectLoginRefused(browser: PreviewPhone, message = '账号或密码错误'): Promise<void> {
  await expectText(browser.node(PAGES.login, 'form-notice'), message);
  await browser.settled();
  expect((await browser.routes()).at(-1)).toBe(PAGES.login);
}

/**
 * An account made straight through the `account` function as the WeChat user `openid`, who is then linked to it
 * (`loggedOut`: unlinked again, as 退出登录 leaves it). Returns the account ID.
 */
export async function createAccount(
  app: RunningPreview,
  openid: string,
  account: NewAccount,
  options: { loggedOut?: boolean } = {},
): Promise<string> {
  const { accountId } = await accountFor(app.cloud, openid, account);
  if (options.loggedOut) await logOut(app.cloud, openid);
  return accountId;
}
