/**
 * Consent in a real browser (PIPL, and WeChat review): 注册 cannot proceed until the person ticks 我已阅读并同意
 * 《用户协议》和《隐私政策》, whose links open the texts; and a person who has not agreed to the platform's
 * 用户隐私保护指引 sees the app's own sheet before shake to open listens.
 */
import { PAGES } from '../support/pages';
import { fillPhoneCodeAndPassword } from './support/accounts';
import { usePreviewApp } from './support/preview-app';
import { expectText, waitFor } from '../../preview/driver/wait';
import { setClock } from '../support/clock';
import { cst } from '../support/fixtures';

const fixture = usePreviewApp();

const CONSENT_REQUIRED = '请先阅读并同意《用户协议》和《隐私政策》';

test('register cannot proceed without agreeing; the links open the texts; ticking the box registers', async () => {
  const browser = await fixture.open('new', PAGES.register);
  await browser.waitForPage(PAGES.register);
  await fillPhoneCodeAndPassword(browser, fixture.app, PAGES.register, { phone: '13500000031', password: 'secret123' });

  await browser.tapButton(PAGES.register, 'submit');
  await expectText(browser.node(PAGES.register, 'form-notice'), CONSENT_REQUIRED);
  await browser.settled();
  expect(await browser.routes()).toEqual([PAGES.register]);
  expect(fixture.app.cloud.lc.db.count('users', { phone: '13500000031' })).toBe(0);

  await browser.tap(PAGES.register, 'link-privacy');
  await browser.waitForPage(PAGES.privacyPolicy);
  await expectText(browser.node(PAGES.privacyPolicy, 'legal__title'), '隐私政策');
  await browser.back(PAGES.register);
  await browser.tap(PAGES.register, 'link-terms');
  await browser.waitForPage(PAGES.userAgreement);
  await expectText(browser.node(PAGES.userAgreement, 'legal__title'), '用户协议');
  await browser.back(PAGES.register);

  await browser.tap(PAGES.register, 'agreement__check');
  await browser.tapButton(PAGES.register, 'submit');
  await browser.waitForToast('注册成功');
  await browser.waitForPage(PAGES.home);
  expect(await browser.errors()).toEqual([]);
});

test('the preview asks for the 用户隐私保护指引 with the app’s own sheet; 同意 lets shake to open listen', async () => {
  // inside 海信慧园's exit hours (05:00–23:30): shake is offered, so the accelerometer is asked for, only then
  setClock(fixture.app.cloud, cst('2026-11-24 12:00'));
  const browser = await fixture.open('resident');
  // the same person, undecided, as on a phone where WeChat has no agreement recorded yet
  await browser.page.goto(`${fixture.app.url}?as=demo-resident-zhangwei&privacy=ask`);
  await browser.page.waitForFunction('window.__preview !== undefined');
  await browser.waitForPage(PAGES.home);
  const sheet = browser.page.locator('.pv-page:not([hidden])', { hasText: '用户隐私保护提示' });
  await expectText(sheet, '摇一摇开门需要使用手机的加速度传感器');

  await browser.page.getByText('同意', { exact: true }).tap();
  await waitFor(async () => (await browser.page.getByText('用户隐私保护提示').count()) === 0, 'the sheet to close');
  await browser.shake();
  await expectText(browser.node(PAGES.home, 'shake-feedback'), '已打开东门');
  expect(await browser.errors()).toEqual([]);
});
