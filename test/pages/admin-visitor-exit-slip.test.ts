/**
 * 访客通行证设置 (P7) and 出门条设置 (P9) on the screen: 陈静 changes them, the change is in 最近修改 with her name,
 * and what the visitor journey reads next is what she saved. Problems show at their fields.
 */
import type { ExitSlipSettings } from '../../miniprogram/core/api/admin-exit-slip';
import type { VisitorSettings } from '../../miniprogram/core/api/visitor';
import type { Envelope } from '../../miniprogram/core/envelope';
import { HX, data } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { fill, tip } from './support/account';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import type { MiniProgram } from './support/mini-program';
import type { PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();

async function open(route: string): Promise<{ mp: MiniProgram; page: PageDriver }> {
  const mp = await app.launch(route, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.save-button'), `${route} loaded`);
  await mp.settled();
  return { mp, page };
}

const calls = (mp: MiniProgram, action: string) =>
  mp.phone.calls.callFunction.filter((call) => call.data.action === action);

async function save(mp: MiniProgram, page: PageDriver, action: string): Promise<void> {
  const before = calls(mp, action).length;
  page.tap('.save-button', '.t-button');
  await waitUntil(() => calls(mp, action).length > before, 'the save');
  await waitUntil(() => page.has('.recent-changes', '.change'), 'the change in 最近修改');
}

/** Taps a switch (the 44 px square around it) and waits for it to turn. */
async function toggle(page: PageDriver, ...selectors: string[]): Promise<void> {
  const checked = () =>
    page
      .find(...selectors)
      ?.toJSON()
      .attrs.find((a) => a.name === 'ariaChecked')?.value;
  const was = checked();
  page.tap(...(selectors as [string, ...string[]]));
  await waitUntil(() => checked() !== was, `${selectors.join(' ')} switched`);
}

test('访客通行证设置: invitations need approval, a longer form and shorter visits — what the visitor form reads next', async () => {
  const { mp, page } = await open(PAGES.adminVisitorPass);
  expect(page.text('.form-page__subtitle')).toContain('海信慧园');
  await toggle(page, '.toggle-invite');
  expect(page.text('.setting')).toContain('住户邀请也须管理员审核');
  await fill(page, 'max-hours', '0');
  page.tap('.save-button', '.t-button');
  await waitUntil(() => tip(page, 'max-hours'), 'the problem at its field');
  expect(tip(page, 'max-hours')).toBe('最长来访时长应在1到72之间');
  expect(calls(mp, 'setVisitorSettings')).toEqual([]);

  await fill(page, 'max-hours', '8');
  await toggle(page, '.visitor-fields', '.required-plate');
  page.tap('.face-option--required');
  await waitUntil(() => page.has('.face-option--required.option--chosen'), '人脸登记 必须');
  await save(mp, page, 'setVisitorSettings');
  const change = page.text('.recent-changes', '.change');
  expect(change).toContain('陈静');
  expect(change).toContain('住户邀请访客：无需审核 → 需管理员审核');
  expect(change).toContain('最长来访时长：24小时 → 8小时');
  expect(change).toContain('车牌号：选填 → 必填');

  const form = await app.cloud.call<Envelope<{ settings: VisitorSettings }>>(
    'visitor',
    { action: 'settings', siteId: HX },
    DEMO_OPENIDS.resident,
  );
  expect(data(form).settings).toMatchObject({
    residentsMayInvite: false,
    maxVisitHours: 8,
    face: 'required',
    fields: { plate: { show: true, required: true } },
  });
});

test('出门条设置: households in arrears may apply, a required 搬家公司; a hidden field is never required', async () => {
  const { mp, page } = await open(PAGES.adminExitSlip);
  expect(page.text('.setting')).toContain('欠费房屋的住户缴清物业费后才能申请');
  await toggle(page, '.toggle-arrears');
  // 搬家公司 is hidden: its 必填 switch is disabled until it is shown
  const disabled = () =>
    page
      .find('.exit-slip-fields', '.required-company')
      ?.toJSON()
      .attrs.find((a) => a.name === 'ariaDisabled')?.value;
  expect(disabled()).toBe(true);
  await toggle(page, '.exit-slip-fields', '.show-company');
  await toggle(page, '.exit-slip-fields', '.required-company');
  await save(mp, page, 'setExitSlipSettings');
  const change = page.text('.recent-changes', '.change');
  expect(change).toContain('欠费住户申请出门条：不允许 → 允许');
  expect(change).toContain('搬家公司：不显示 → 必填');

  const saved = await app.cloud.call<Envelope<{ settings: ExitSlipSettings }>>(
    'admin',
    { action: 'exitSlipSettings', siteId: HX },
    DEMO_OPENIDS.admin,
  );
  expect(data(saved).settings).toMatchObject({
    arrearsMayApply: true,
    fields: { company: { show: true, required: true } },
  });
});

test('a guard who opens the settings by their address reads why, and nothing of them', async () => {
  for (const route of [PAGES.adminVisitorPass, PAGES.adminExitSlip, PAGES.adminResidentPass]) {
    const mp = await app.launch(route, 'guard');
    const page = mp.currentPage;
    await waitUntil(() => page.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
    expect(page.has('.save-button')).toBe(false);
    expect(calls(mp, 'passSettings').length + calls(mp, 'visitorSettings').length).toBe(0);
    mp.exit();
  }
});
