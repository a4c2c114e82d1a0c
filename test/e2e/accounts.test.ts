/**
 * The account journeys (R1–R5) in a real browser, as a person goes through them: a new WeChat user registers and
 * logs out and in again by phone, email, account ID and WeChat; a wrong password; a forgotten password reset by
 * SMS; a password changed from 我的; an account moved to another WeChat only after the person agrees; a demo person
 * logged in from the start, whose README password logs in on another phone.
 */
import { PAGES } from '../support/pages';
import {
  accountIdOnMine,
  createAccount,
  expectLoginRefused,
  fillPhoneCodeAndPassword,
  logInWithPassword,
  logOutInBrowser,
  registerInBrowser,
} from './support/accounts';
import { usePreviewApp } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

const fixture = usePreviewApp();

test('a new WeChat user registers from 我的, which shows the account; logged out, they log in again by phone', async () => {
  const browser = await fixture.open('new');
  await browser.waitForPage(PAGES.home);
  const accountId = await registerInBrowser(browser, fixture.app, {
    phone: '13500000001',
    password: 'secret123',
    email: 'li.ming@example.com',
  });
  await expectText(browser.node(PAGES.mine, 'mine__who'), `135****0001 账号ID ${accountId}`);
  await expectText(browser.node(PAGES.mine, 'mine__cells').first(), 'li.ming@example.com');

  await logOutInBrowser(browser);
  expect(await browser.routes()).toEqual([PAGES.login]);
  await logInWithPassword(browser, '13500000001', 'secret123');
  await browser.waitForToast('登录成功');
  await browser.waitForPage(PAGES.home);
  expect(await accountIdOnMine(browser)).toBe(accountId);
  expect(await browser.errors()).toEqual([]);
});

test('the same account by email, by account ID, and by WeChat one-tap login on another phone', async () => {
  const account = { phone: '13500000002', password: 'secret123', email: 'wang.fang@example.com' };
  await createAccount(fixture.app, 'e2e-wang-fang', account);
  const browser = await fixture.open('e2e-wang-fang', PAGES.mine);
  const accountId = await accountIdOnMine(browser);

  for (const loginName of [account.email, accountId]) {
    await logOutInBrowser(browser);
    await logInWithPassword(browser, loginName, account.password);
    await browser.waitForPage(PAGES.home);
    expect(await accountIdOnMine(browser)).toBe(accountId);
  }

  // the same WeChat on a phone that remembers nothing: one tap reaches the account
  const other = await fixture.open('e2e-wang-fang', PAGES.login, { anotherPhone: true });
  await other.waitForPage(PAGES.login);
  await other.tapButton(PAGES.login, 'wechat-login');
  await other.waitForToast('登录成功');
  await other.waitForPage(PAGES.home);
  await other.openTab(PAGES.mine);
  await expectText(other.node(PAGES.mine, 'mine__who'), `135****0002 账号ID ${accountId}`);
  expect(await other.errors()).toEqual([]);
});

test('a wrong password says 账号或密码错误; forgot password → reset by SMS: the old password is refused, the new one works', async () => {
  await createAccount(
    fixture.app,
    'e2e-forgetful',
    { phone: '13500000003', password: 'secret123' },
    { loggedOut: true },
  );
  const browser = await fixture.open('new', PAGES.login);
  await logInWithPassword(browser, '13500000003', 'secret124');
  await expectLoginRefused(browser);

  await browser.tap(PAGES.login, 'link-reset');
  await browser.waitForPage(PAGES.resetPassword);
  await fillPhoneCodeAndPassword(browser, fixture.app, PAGES.resetPassword, {
    phone: '13500000003',
    password: 'changed456',
  });
  await browser.tapButton(PAGES.resetPassword, 'submit');
  await browser.waitForToast('密码已重置');
  await browser.waitForPage(PAGES.login);
  expect(await browser.routes()).toEqual([PAGES.login]);

  await logInWithPassword(browser, '13500000003', 'secret123');
  await expectLoginRefused(browser);
  await logInWithPassword(browser, '13500000003', 'changed456');
  await browser.waitForPage(PAGES.home);
  await browser.openTab(PAGES.mine);
  await expectText(browser.node(PAGES.mine, 'mine__who'), '135****0003');
  expect(await browser.errors()).toEqual([]);
});

test('修改密码 on 我的 → change the password → back on 我的; then only the new password works', async () => {
  const accountId = await createAccount(fixture.app, 'e2e-changer', { phone: '13500000004', password: 'secret123' });
  const browser = await fixture.open('e2e-changer', PAGES.mine);
  await expectText(browser.node(PAGES.mine, 'mine__who'), `账号ID ${accountId}`);

  await browser.tap(PAGES.mine, 'entry-change-password');
  await browser.waitForPage(PAGES.changePassword);
  await browser.fill(PAGES.changePassword, 'field-old-password', 'secret123');
  await browser.fill(PAGES.changePassword, 'field-new-password', 'changed789');
  await browser.fill(PAGES.changePassword, 'field-confirm-password', 'changed789');
  await browser.tapButton(PAGES.changePassword, 'submit');
  await browser.waitForToast('密码已修改');
  await browser.waitForPage(PAGES.mine);
  expect(await browser.routes()).toEqual([PAGES.mine]);

  await logOutInBrowser(browser);
  await logInWithPassword(browser, accountId, 'secret123');
  await expectLoginRefused(browser);
  await logInWithPassword(browser, accountId, 'changed789');
  await browser.waitForPage(PAGES.home);
  expect(await accountIdOnMine(browser)).toBe(accountId);
  expect(await browser.errors()).toEqual([]);
});

test('an account linked to another WeChat moves here only after the person agrees; the other WeChat is signed out', async () => {
  const accountId = await createAccount(fixture.app, 'e2e-first-wechat', {
    phone: '13500000005',
    password: 'secret123',
  });
  const browser = await fixture.open('new', PAGES.login);

  await logInWithPassword(browser, '13500000005', 'secret123');
  const asked = await browser.answerModal('取消');
  expect(asked.title).toBe('账号已关联其他微信');
  expect(asked.content).toContain('另一个微信将退出登录');
  await browser.settled();
  expect(await browser.routes()).toEqual([PAGES.login]);

  await browser.tapButton(PAGES.login, 'submit');
  await browser.answerModal('继续登录');
  await browser.waitForPage(PAGES.home);
  expect(await accountIdOnMine(browser)).toBe(accountId);

  const first = await fixture.open('e2e-first-wechat', PAGES.mine, { anotherPhone: true });
  await first.waitForPage(PAGES.mine);
  await expectText(first.node(PAGES.mine, 'mine__who'), '未登录账号');
  expect(await browser.errors()).toEqual([]);
});

test("a demo person's WeChat opens logged in; on another phone the README's password logs in to the same account", async () => {
  const own = await fixture.open('resident', PAGES.mine);
  await expectText(own.node(PAGES.mine, 'mine__who'), '139****0001 账号ID 20260001');

  const other = await fixture.open('new', PAGES.login, { anotherPhone: true });
  await logInWithPassword(other, '13912340001', 'zhangwei2026');
  const asked = await other.answerModal('继续登录');
  expect(asked.title).toBe('账号已关联其他微信');
  await other.waitForPage(PAGES.home);
  expect(await accountIdOnMine(other)).toBe('20260001');
  expect(await own.errors()).toEqual([]);
  expect(await other.errors()).toEqual([]);
});
