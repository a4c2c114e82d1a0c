/**
 * 出门条 (P9) in a real browser, as the property's people live it: 张伟 opens 出门条 from 我的 and applies for today
 * with the goods 海信慧园 asks for; 陈静 approves it in 出门条审批; his slip shows its QR, which 王强 at the east gate
 * scans — reading the goods — and releases; 张伟's slip then says it is used, and a second scan is refused.
 */
import { setClock } from '../support/clock';
import { cst } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { openGuardPage, releaseAtGate, scanAtGate } from './support/gate';
import { usePreviewApp, type PreviewPhone } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

// a phone's screen density: the slip's QR is read from the canvas's pixels
const fixture = usePreviewApp({ pixelRatio: 2 });

const MY_SLIPS = 'packages/exits/pages/mine/index';
const APPLY = 'packages/exits/pages/apply/index';
const DETAIL = 'packages/exits/pages/detail/index';
const ADMIN_SLIPS = 'packages/admin/pages/exit-slips/index';

beforeEach(async () => {
  // inside 海信慧园's exit hours, whatever time the tests run at; the slip is for this day
  setClock(fixture.app.cloud, cst('2026-11-25 08:00'));
});

/** 我的 → 物业管理 → 出门条审批. */
async function openSlipApprovals(phone: PreviewPhone): Promise<void> {
  await phone.openTab(PAGES.mine);
  await phone.tap(PAGES.mine, 'entry-back-office');
  await phone.waitForPage(PAGES.backOffice);
  await phone.tap(PAGES.backOffice, 'back-office-entry--exit-slips');
  await phone.waitForPage(ADMIN_SLIPS);
}

test('张伟 applies for an exit slip, 陈静 approves, 王强 releases it once', async () => {
  const resident = await fixture.open('resident');
  await resident.openTab(PAGES.mine);
  await resident.tap(PAGES.mine, 'entry-exit-slips');
  await resident.waitForPage(MY_SLIPS);
  await resident.tapButton(MY_SLIPS, 'apply');
  await resident.waitForPage(APPLY);
  await resident.node(APPLY, 'apply-submit').waitFor();
  // 出门日期: the picker opens on today, the first day a slip may be for
  await resident.tap(APPLY, 'field-date');
  const confirm = resident.node(APPLY, 'date-picker').locator('[class*="t-picker__confirm"]').first();
  await confirm.waitFor();
  await confirm.tap();
  await expectText(resident.node(APPLY, 'field-date'), '11月25日');
  await resident.node(APPLY, 'apply-field-goods').locator('textarea').fill('沙发一套、纸箱6个');
  await resident.tapButton(APPLY, 'apply-submit');
  await resident.waitForPage(DETAIL);
  await expectText(resident.node(DETAIL, 'slip-hero__title'), '等待物业审核');

  const admin = await fixture.open('admin', undefined, { anotherPhone: true });
  await openSlipApprovals(admin);
  const slip = admin.node(ADMIN_SLIPS, 'exit-slip').filter({ hasText: '沙发一套' });
  await expectText(slip, '3栋2单元301');
  await admin.tapButton(ADMIN_SLIPS, 'slip-approve');
  await admin.waitForToast('已通过');

  // 张伟 opens his slips again: the slip is good today, and shows its QR
  await resident.back(MY_SLIPS);
  await resident.node(MY_SLIPS, 'slip-item').filter({ hasText: '可使用' }).first().tap();
  await resident.waitForPage(DETAIL);
  const code = await resident.qrCode(DETAIL, 'slip-hero__code');
  expect(code).toMatch(/^TX2:/);

  const guard = await fixture.open('guard', PAGES.mine, { anotherPhone: true });
  await openGuardPage(guard, '东门');
  const scanned = await scanAtGate(guard, code);
  expect(scanned).toContain('出门条张伟');
  expect(scanned).toContain('物品清单沙发一套、纸箱6个');
  expect(await releaseAtGate(guard)).toMatch(/^已放行张伟/);
  // the slip on 张伟's phone says it is used (the page asks while its QR is on screen)
  await expectText(resident.node(DETAIL, 'slip-hero__title'), '出门条已使用');
  expect(await scanAtGate(guard, code, 'next-button')).toContain('该通行证已于08:00在东门使用');
  for (const phone of [resident, admin, guard]) expect(await phone.errors()).toEqual([]);
}, 180_000);
