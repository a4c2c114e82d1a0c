/**
 * The app knows who you are, in a real browser: 我的 offers 门岗扫码 to the site's guards only, and the site list
 * puts a resident's own sites first, so one tap at its top switches between them; a newcomer's one-tap login says
 * there is no account yet and offers registration.
 */
import type { SiteCurrentResponse } from '../../miniprogram/core/api/site';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS } from '../support/app-cloud';
import { PAGES } from '../support/pages';
import { usePreviewApp } from './support/preview-app';
import { expectText, waitFor } from '../../preview/driver/wait';

const fixture = usePreviewApp();

test("a resident's 我的 has no 门岗扫码; a guard's has", async () => {
  const resident = await fixture.open('resident', PAGES.mine);
  await expectText(resident.node(PAGES.mine, 'mine__who'), '账号ID 20260001');
  await resident.node(PAGES.mine, 'entry-cards').waitFor();
  await resident.settled();
  expect(await resident.node(PAGES.mine, 'entry-guard').count()).toBe(0);

  const guard = await fixture.open('guard', PAGES.mine, { anotherPhone: true });
  await guard.tap(PAGES.mine, 'entry-guard');
  await guard.waitForPage(PAGES.guardScan);
  await waitFor(async () => (await guard.node(PAGES.guardScan, 'gate-option').count()) === 2, "the site's gates");
  expect(await resident.errors()).toEqual([]);
  expect(await guard.errors()).toEqual([]);
});

test('a resident of two sites switches site from the top of the list', async () => {
  const phone = await fixture.open('resident2', PAGES.sites);
  const mine = phone.node(PAGES.sites, 'my-site-cell');
  await waitFor(async () => (await mine.count()) === 2, '我的小区');
  await expectText(mine.first(), '海信慧园5栋1单元101');

  await mine.filter({ hasText: '鸿锦阁' }).first().tap();
  await phone.waitForPage(PAGES.home);
  // the switch is the person's, stored by the site function (home's own look is another test's)
  const current = await fixture.app.cloud.call<Envelope<SiteCurrentResponse>>(
    'site',
    { action: 'current' },
    DEMO_OPENIDS.resident2,
  );
  expect(current).toMatchObject({ ok: true, data: { site: { name: '鸿锦阁' }, roles: ['resident'] } });
  expect(await phone.errors()).toEqual([]);
});

test("a newcomer's 微信一键登录 says there is no account yet and offers 注册, never 登录成功", async () => {
  const phone = await fixture.open('newcomer', PAGES.login);
  await phone.tapButton(PAGES.login, 'wechat-login');
  await expectText(phone.node(PAGES.login, 'no-account'), '该微信还没有通行账号');
  expect(await phone.page.locator('.pv-bubble__title', { hasText: '登录成功' }).count()).toBe(0);
  await phone.tapButton(PAGES.login, 'no-account__register');
  await phone.waitForPage(PAGES.register);
  expect(await phone.errors()).toEqual([]);
});
