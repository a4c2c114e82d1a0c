/** 忘记密码 (R4) through the pages: a code to the account's phone sets a new password; the old one is refused. */
import { accountFor, logOut } from '../support/accounts';
import { PAGES } from '../support/pages';
import { smsCount } from '../support/sms';
import { usePageTests } from './support/app';
import {
  canSubmit,
  fill,
  logInWithPassword,
  mineHeader,
  notice,
  openTab,
  requestCode,
  submit,
} from './support/account';
import { waitUntil } from './support/wait';

const app = usePageTests();

test('forgot password → reset by SMS code → back on login: the old password is refused, the new one works', async () => {
  const { accountId } = await accountFor(app.cloud, 'wx-forgetful', { phone: '13900000011', password: 'secret123' });
  await logOut(app.cloud, 'wx-forgetful');
  const mp = await app.launch(PAGES.login, 'newcomer');
  const login = mp.currentPage;

  login.tap('.link-reset');
  const reset = await mp.waitForPage(PAGES.resetPassword);
  await fill(reset, 'phone', '13900000011');
  await fill(reset, 'code', await requestCode(app.cloud, reset, '13900000011'));
  await fill(reset, 'password', 'changed456');
  expect(canSubmit(reset)).toBe(true);
  submit(reset);

  await mp.waitForPage(PAGES.login);
  expect(mp.routes).toEqual([PAGES.login]);
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '密码已重置', icon: 'success' });

  await logInWithPassword(mp, '13900000011', 'secret123');
  expect(notice(login)).toBe('账号或密码错误');
  await logInWithPassword(mp, '13900000011', 'changed456');
  await mp.waitForPage(PAGES.home);
  await openTab(mp, 'mine');
  expect(await mineHeader(mp)).toBe(`139****0011账号ID ${accountId}`);
});

test('a phone with no account is told so before any code is sent', async () => {
  const mp = await app.launch(PAGES.resetPassword, 'newcomer');
  const reset = mp.currentPage;
  await fill(reset, 'phone', '13900000012');
  reset.tap('.code-button', '.t-button');
  await waitUntil(() => notice(reset) !== '', 'the refusal');
  expect(notice(reset)).toBe('该手机号未注册');
  expect(await smsCount(app.cloud, '13900000012')).toBe(0);
});
