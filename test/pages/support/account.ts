/**
 * Helpers for the account pages (login, register, reset and change password, 我的): fill a form as a person
 * does, read what it says back, and register or log in through them (the SMS codes and the accounts made straight
 * through the function are in test/support).
 */
import type { NewAccount } from '../../support/accounts';
import type { AppCloud } from '../../support/app-cloud';
import { PAGES } from '../../support/pages';
import { smsCode, smsCount } from '../../support/sms';
import { ROUTES } from '../../../miniprogram/utils/routes';
import type { MiniProgram } from './mini-program';
import { readableText, type PageDriver } from './page-driver';
import { waitUntil } from './wait';
import type { OpenModal } from './wx-client';

/**
 * Types into a form field, named by its input's class without `field-` (`phone`, `password`, `login-name`…);
 * `leave` also takes the focus away, as tapping the next field does. Resolves once the page has handled it:
 * j-component delivers events a microtask later, as WeChat delivers them asynchronously.
 */
export async function fill(page: PageDriver, field: string, value: string, leave = false): Promise<void> {
  page.type(value, `.field-${field}`, '.t-input__control');
  if (leave) await blur(page, field);
  else await delivered();
}

export async function blur(page: PageDriver, field: string): Promise<void> {
  const input = page.find(`.field-${field}`, '.t-input__control');
  if (!input) throw new Error(`${page.route}: no field ${field}`);
  input.dispatchEvent('blur', { detail: { value: '' } });
  await delivered();
}

/** A macrotask: every event chain of microtasks (input → t-input → page) has run by then. */
function delivered(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What a field shows under it: the rule it breaks, or '' */
export function tip(page: PageDriver, field: string): string {
  const node = page.find(`.field-${field}`, '.t-input__tips');
  return node ? readableText(node) : '';
}

/** The refusal shown above the form's button, or '' */
export function notice(page: PageDriver): string {
  return page.has('.form-notice') ? page.text('.form-notice') : '';
}

/** Whether the form's main button can be tapped (a disabled TDesign button ignores taps). */
export function canSubmit(page: PageDriver): boolean {
  return page.has('.submit', '.t-button') && !page.has('.submit', '.t-button--disabled');
}

export function submit(page: PageDriver): void {
  page.tap('.submit', '.t-button');
}

/** The password rules under a new-password field, as ticked (met) and not. */
export function passwordRules(page: PageDriver): { met: string[]; unmet: string[] } {
  const list = page.find('.password-rules');
  if (!list) throw new Error(`${page.route}: no password rules`);
  const texts = (selector: string) => list.querySelectorAll(selector).map((rule) => readableText(rule));
  return { met: texts('.password-rule--met'), unmet: texts('.password-rule--unmet') };
}

/** Ticks (or unticks) 我已阅读并同意《用户协议》和《隐私政策》 on the register form; resolves once the box shows it. */
export async function agree(page: PageDriver): Promise<void> {
  const before = agreed(page);
  page.tap('.agreement__check');
  await waitUntil(() => agreed(page) !== before, 'the agreement box to change');
}

/** Whether the register form's agreement box shows ticked. */
export function agreed(page: PageDriver): boolean {
  if (!page.has('.agreement__check')) throw new Error(`${page.route}: no agreement line`);
  return page.has('.agreement__check--on');
}

/** Taps 获取验证码 (the phone typed already) and reads the code from the SMS it sends. */
export async function requestCode(cloud: AppCloud, page: PageDriver, phone: string): Promise<string> {
  const sent = await smsCount(cloud, phone);
  page.tap('.code-button', '.t-button');
  return smsCode(cloud, phone, sent);
}

/** The label of the 获取验证码 button (it counts down after a send). */
export function codeButton(page: PageDriver): string {
  return page.text('.code-button');
}

/** Waits for the modal the page opened, answers it as the person would, and returns what it said. */
export async function answerModal(mp: MiniProgram, confirm: boolean): Promise<OpenModal> {
  const modal = await waitUntil(() => mp.phone.modal, 'a modal');
  modal.answer(confirm);
  return modal;
}

/** The person taps a tab of the tab bar. */
export async function openTab(mp: MiniProgram, tab: 'home' | 'mine'): Promise<PageDriver> {
  await mp.switchTab(ROUTES[tab]);
  return mp.currentPage;
}

/** 我的 once the function has answered: its header (account ID and phone, or 未登录账号). */
export async function mineHeader(mp: MiniProgram): Promise<string> {
  const mine = await mp.waitForPage(PAGES.mine);
  await mp.settled();
  await delivered();
  return waitUntil(() => (mine.has('.mine__who') ? mine.text('.mine__who') || undefined : undefined), '我的 header');
}

/**
 * Registers through the pages, from 我的: 登录 / 注册 → 注册 → phone, 获取验证码, the SMS code, password
 * (and email) → 注册, which lands on home. Returns the new account ID as 我的 shows it.
 */
export async function registerThroughPages(cloud: AppCloud, mp: MiniProgram, account: NewAccount): Promise<string> {
  const mine = await openTab(mp, 'mine');
  await waitUntil(() => mine.has('.login', '.t-button'), 'the 登录 / 注册 button');
  mine.tap('.login', '.t-button');
  const login = await mp.waitForPage(PAGES.login);
  login.tap('.link-register');
  const register = await mp.waitForPage(PAGES.register);

  await fill(register, 'phone', account.phone);
  await fill(register, 'code', await requestCode(cloud, register, account.phone));
  await fill(register, 'password', account.password);
  if (account.email) await fill(register, 'email', account.email);
  await agree(register);
  expect(canSubmit(register)).toBe(true);
  submit(register);
  await mp.waitForPage(PAGES.home);

  await openTab(mp, 'mine');
  const header = await mineHeader(mp);
  const accountId = /账号ID (\d{8})/.exec(header)?.[1];
  if (!accountId) throw new Error(`no account ID on 我的: ${header}`);
  return accountId;
}

/** Logs out from 我的 (退出登录, then confirms), which lands on the login page. */
export async function logOutThroughPages(mp: MiniProgram): Promise<PageDriver> {
  const mine = await openTab(mp, 'mine');
  await waitUntil(() => mine.has('.logout', '.t-button'), 'the 退出登录 button');
  mine.tap('.logout', '.t-button');
  await answerModal(mp, true);
  return mp.waitForPage(PAGES.login);
}

/** Logs in with a password on the login page; resolves once the page has its answer (home, a modal or a refusal). */
export async function logInWithPassword(mp: MiniProgram, loginName: string, password: string): Promise<void> {
  const login = await mp.waitForPage(PAGES.login);
  await fill(login, 'login-name', loginName);
  await fill(login, 'password', password);
  expect(canSubmit(login)).toBe(true);
  submit(login);
  await waitUntil(
    () => mp.currentPage.route !== PAGES.login || mp.phone.modal !== undefined || notice(login) !== '',
    'the answer to the login',
  );
}
