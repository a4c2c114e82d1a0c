/**
 * The back office in a real browser (issue 15), as the property's people live it: 陈静, 海信慧园's administrator,
 * sets the exits per day to 1 in 住户通行证设置, and 王强 at the east gate lets 张伟 out once and is refused his
 * second code; a newcomer applies to join a house from the door screen, and 陈静 approves in 入住申请.
 */
import { setClock } from '../support/clock';
import { HX, cst } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { openGuardPage, passCodeOnHome, releaseAtGate, scanAtGate } from './support/gate';
import { usePreviewApp, type PreviewPhone } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

// a phone's screen density: the pass QR is read from the canvas's pixels
const fixture = usePreviewApp({ pixelRatio: 2 });

beforeEach(async () => {
  // inside 海信慧园's exit hours (05:00–23:30), whatever time the tests run at
  setClock(fixture.app.cloud, cst('2026-11-25 08:00'));
});

/** 我的 → 物业管理 → the back-office screen `entry` (its key in packages/admin/utils/entries.ts). */
async function openBackOffice(phone: PreviewPhone, entry: string, route: string): Promise<void> {
  await phone.openTab(PAGES.mine);
  await phone.tap(PAGES.mine, 'entry-back-office');
  await phone.waitForPage(PAGES.backOffice);
  await phone.tap(PAGES.backOffice, `back-office-entry--${entry}`);
  await phone.waitForPage(route);
}

test('陈静 sets the exits per day to 1; 王强 lets 张伟 out once and refuses his second code', async () => {
  const admin = await fixture.open('admin');
  await openBackOffice(admin, 'resident-pass', PAGES.adminResidentPass);
  await admin.node(PAGES.adminResidentPass, 'save-button').waitFor();
  await admin.fill(PAGES.adminResidentPass, 'field-exits', '1');
  await admin.tapButton(PAGES.adminResidentPass, 'save-button');
  await expectText(admin.node(PAGES.adminResidentPass, 'recent-changes'), '周期内可出门次数：3次 → 1次');

  // 张伟's code on two phones of his, both shown before the first goes through: the second is the gate's to refuse
  const resident = await fixture.open('resident', undefined, { anotherPhone: true });
  const first = await passCodeOnHome(resident);
  const secondPhone = await fixture.open('resident', undefined, { anotherPhone: true });
  const second = await passCodeOnHome(secondPhone, first);

  const guard = await fixture.open('guard', PAGES.mine, { anotherPhone: true });
  await openGuardPage(guard, '东门');
  expect(await scanAtGate(guard, first)).toContain('张伟');
  expect(await releaseAtGate(guard)).toMatch(/^已放行张伟/);
  expect(await scanAtGate(guard, second, 'next-button')).toContain('今日1次出门次数已用完');
  for (const phone of [admin, resident, secondPhone, guard]) expect(await phone.errors()).toEqual([]);
  // four phones, QR codes read from pixels: more than jest's default on a busy machine
}, 120_000);

test('a newcomer applies to join 3栋2单元302 from the door screen; 陈静 approves and the newcomer’s pass appears', async () => {
  const openid = 'e2e-newcomer-apply';
  // the newcomer has chosen 海信慧园 already (choosing a site has its own e2e test)
  await fixture.app.cloud.call('site', { action: 'select', siteId: HX, requestId: 'e2e-apply-select' }, openid);
  const newcomer = await fixture.open(openid);
  await newcomer.waitForPage(PAGES.home);
  await newcomer.tapButton(PAGES.home, 'pass-apply');
  await newcomer.waitForPage(PAGES.applyResidence);
  await newcomer.fill(PAGES.applyResidence, 'residence-house-search', '3-2-3');
  await newcomer.node(PAGES.applyResidence, 'house-choice').filter({ hasText: '3栋2单元302' }).first().tap();
  await newcomer.node(PAGES.applyResidence, 'house-chosen').waitFor();
  await newcomer.fill(PAGES.applyResidence, 'field-name', '周杰');
  await newcomer.tap(PAGES.applyResidence, 'relation-choice--tenant');
  await newcomer.tapButton(PAGES.applyResidence, 'apply-submit');
  await expectText(newcomer.node(PAGES.applyResidence, 'application-state__title'), '等待物业审核');

  const admin = await fixture.open('admin', undefined, { anotherPhone: true });
  await openBackOffice(admin, 'applications', PAGES.adminApplications);
  const application = admin.node(PAGES.adminApplications, 'application').filter({ hasText: '周杰' });
  await expectText(application, '3栋2单元302');
  await admin.tapButton(PAGES.adminApplications, 'application-approve');
  await admin.waitForToast('已通过');

  // the newcomer goes back to the door screen, which now holds a resident pass
  await newcomer.back(PAGES.home);
  expect(await passCodeOnHome(newcomer)).toMatch(/^TX2:/);
  for (const phone of [newcomer, admin]) expect(await phone.errors()).toEqual([]);
}, 120_000);
