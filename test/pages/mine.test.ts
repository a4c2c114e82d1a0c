/**
 * 我的 and 修改密码 (R5): who is signed in, painted at once from the phone's memory and corrected by the
 * function; tapping the avatar changes the password, then back to 我的.
 */
import { accountFor } from '../support/accounts';
import { PAGES } from '../support/pages';
import { REMEMBERED_PROFILE_KEY } from '../../miniprogram/services/account';
import { usePageTests } from './support/app';
import {
  answerModal,
  canSubmit,
  fill,
  logInWithPassword,
  logOutThroughPages,
  mineHeader,
  notice,
  openTab,
  submit,
  tip,
} from './support/account';
import type { PageDriver } from './support/page-driver';
import { GUARD_PAGE } from './support/pass';
import { waitUntil } from './support/wait';
import { newPhone } from './support/wx-client';

const app = usePageTests();

/** The nickname field's value: what the person reads in it. */
function nickname(mine: PageDriver): string {
  const value: unknown = mine
    .find('.mine__nickname')
    ?.toJSON()
    .attrs.find((attr) => attr.name === 'value')?.value;
  return typeof value === 'string' ? value : '';
}

/** A phone of the WeChat user `openid` (made an account holder by `accountFor`). */
const phoneOf = (openid: string) => newPhone(openid, () => app.cloud.lc.url);

test('a demo person is logged in from the start; the password the README gives logs them in again', async () => {
  const mp = await app.launch(PAGES.mine, 'resident');
  expect(await mineHeader(mp)).toBe('139****0001账号ID 20260001');
  expect(nickname(mp.currentPage)).toBe('张伟');
  expect(mp.currentPage.has('.logout', '.t-button')).toBe(true);

  await logOutThroughPages(mp);
  await logInWithPassword(mp, '20260001', 'zhangwei2026');
  await mp.waitForPage(PAGES.home);
  await openTab(mp, 'mine');
  expect(await mineHeader(mp)).toBe('139****0001账号ID 20260001');
});

test('a WeChat user without an account sees 未登录账号; the button leads to login', async () => {
  const mp = await app.launch(PAGES.mine, 'newcomer');
  const mine = mp.currentPage;
  expect(await mineHeader(mp)).toBe('未登录账号');
  expect(mine.has('.logout')).toBe(false);

  mine.tap('.login', '.t-button');
  await mp.waitForPage(PAGES.login);
  // login lives in the account subpackage, out of the main package every first start downloads
  expect(mp.phone.calls.navigateTo).toEqual(['/packages/account/pages/login/index']);
});

test("a resident's 我的 has no 门岗扫码; a guard's has, and it opens the scanner", async () => {
  const resident = await app.launch(PAGES.mine, 'resident');
  await mineHeader(resident);
  await resident.settled();
  expect(resident.currentPage.has('.entry-cards')).toBe(true);
  expect(resident.currentPage.has('.entry-guard')).toBe(false);
  resident.exit();

  for (const who of ['admin', 'observer'] as const) {
    const staff = await app.launch(PAGES.mine, who);
    await mineHeader(staff);
    await staff.settled();
    expect(staff.currentPage.has('.entry-guard')).toBe(false);
    staff.exit();
  }

  const guard = await app.launch(PAGES.mine, 'guard');
  await waitUntil(() => guard.currentPage.has('.entry-guard'), 'the 门岗扫码 entry');
  guard.currentPage.tap('.entry-guard', '.t-cell');
  await guard.waitForPage(GUARD_PAGE);
});

test('头像昵称: the nickname typed on 我的 is saved for this WeChat user and shown on the next launch', async () => {
  const first = await app.launch(PAGES.mine, 'newcomer');
  await mineHeader(first);
  expect(nickname(first.currentPage)).toBe('');
  first.currentPage.find('.mine__nickname')?.dispatchEvent('blur', { detail: { value: ' 小区跑者 ' } });
  await waitUntil(() => first.phone.calls.showToast.length > 0, 'the save');
  expect(first.phone.calls.showToast).toEqual([{ title: '昵称已保存', icon: 'success' }]);
  expect(first.phone.calls.callFunction.filter((call) => call.data.action === 'updateProfile')).toMatchObject([
    { name: 'account', data: { nickname: '小区跑者' } },
  ]);
  first.exit();

  // another phone of the same WeChat: the function has it
  const again = await app.launch(PAGES.mine, 'newcomer');
  await mineHeader(again);
  await waitUntil(() => nickname(again.currentPage) === '小区跑者', 'the saved nickname');

  // leaving the field unchanged saves nothing
  again.currentPage.find('.mine__nickname')?.dispatchEvent('blur', { detail: { value: '小区跑者' } });
  await again.settled();
  expect(again.phone.calls.callFunction.filter((call) => call.data.action === 'updateProfile')).toEqual([]);
});

test('the profile remembered on the phone paints at once; the function has the last word', async () => {
  const profile = await accountFor(app.cloud, 'wx-remembered', { phone: '13900000021', password: 'secret123' });
  const { accountId } = profile;
  const first = await app.launch(PAGES.mine, 'newcomer');
  expect(await mineHeader(first)).toBe('未登录账号');
  first.exit();
  // the phone remembers an account this WeChat no longer has (logged out on another phone, say)
  first.phone.storage.set(REMEMBERED_PROFILE_KEY, JSON.stringify(profile));

  const mp = await app.launch(PAGES.mine, first.phone);
  expect(mp.currentPage.text('.mine__who')).toBe(`139****0021账号ID ${accountId}`);
  await waitUntil(() => mp.currentPage.text('.mine__who') === '未登录账号', "the function's answer");
  expect(JSON.parse(mp.phone.storage.get(REMEMBERED_PROFILE_KEY) ?? 'null')).toEqual({ hasAccount: false });
});

test('修改密码 → change the password → back on 我的; only the new password works from then on', async () => {
  const { accountId } = await accountFor(app.cloud, 'wx-changer', { phone: '13900000022', password: 'secret123' });
  const mp = await app.launch(PAGES.mine, phoneOf('wx-changer'));
  expect(await mineHeader(mp)).toBe(`139****0022账号ID ${accountId}`);

  mp.currentPage.tap('.entry-change-password', '.t-cell');
  const change = await mp.waitForPage(PAGES.changePassword);
  await fill(change, 'old-password', 'secret123');
  await fill(change, 'new-password', 'changed789');
  await fill(change, 'confirm-password', 'changed789');
  expect(canSubmit(change)).toBe(true);
  submit(change);

  await mp.waitForPage(PAGES.mine);
  expect(mp.routes).toEqual([PAGES.mine]);
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '密码已修改', icon: 'success' });

  await logOutThroughPages(mp);
  await logInWithPassword(mp, accountId, 'secret123');
  expect(notice(mp.currentPage)).toBe('账号或密码错误');
  await logInWithPassword(mp, accountId, 'changed789');
  await mp.waitForPage(PAGES.home);
});

test('a wrong old password is refused plainly; the new password must be typed twice the same', async () => {
  await accountFor(app.cloud, 'wx-changer', { phone: '13900000023', password: 'secret123' });
  const mp = await app.launch(PAGES.changePassword, phoneOf('wx-changer'));
  const change = mp.currentPage;

  await fill(change, 'old-password', 'secret000');
  await fill(change, 'new-password', 'changed789');
  await fill(change, 'confirm-password', 'changed788', true);
  expect(tip(change, 'confirm-password')).toBe('两次输入的新密码不一致');
  expect(canSubmit(change)).toBe(false);

  await fill(change, 'confirm-password', 'changed789');
  expect(tip(change, 'confirm-password')).toBe('');
  submit(change);
  await waitUntil(() => notice(change) === '原密码错误', 'the refusal');
  expect(mp.routes).toEqual([PAGES.changePassword]);
});

test('退出登录 asks first: 取消 keeps the account', async () => {
  const { accountId } = await accountFor(app.cloud, 'wx-staying', { phone: '13900000024', password: 'secret123' });
  const mp = await app.launch(PAGES.mine, phoneOf('wx-staying'));
  expect(await mineHeader(mp)).toBe(`139****0024账号ID ${accountId}`);

  mp.currentPage.tap('.logout', '.t-button');
  const asked = await answerModal(mp, false);
  expect(asked).toMatchObject({ title: '退出登录', confirmText: '退出', cancelText: '取消' });
  await mp.settled();
  expect(mp.phone.calls.callFunction.filter((call) => call.data.action === 'logout')).toEqual([]);
  expect(await mineHeader(mp)).toBe(`139****0024账号ID ${accountId}`);
});
