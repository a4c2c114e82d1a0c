/**
 * 观察员 in a real browser (P11): 陈静 invites 李娜 of the 派出所 in 物业管理 → 观察员 and reads the code off her
 * screen; 李娜 opens it on her phone from 我的 → 接受邀请, then 我的 → 出入记录 shows 海信慧园's records read-only,
 * names masked; she exports them and the link is copied; 陈静's 审计日志 lists her read and her export.
 */
import { shanghaiDate } from '../../miniprogram/core/time';
import { setClock } from '../support/clock';
import { codeFor, cst, release } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { DEMO_OPENIDS } from '../support/app-cloud';
import { usePreviewApp, type PreviewPhone } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

const fixture = usePreviewApp();

/** the phones' clock is the real one and 出入记录 counts days back from it: the records are made today */
const today = (time: string) => cst(`${shanghaiDate(new Date())} ${time}`);

async function openBackOffice(phone: PreviewPhone, entry: string, route: string): Promise<void> {
  await phone.openTab(PAGES.mine);
  await phone.tap(PAGES.mine, 'entry-back-office');
  await phone.waitForPage(PAGES.backOffice);
  await phone.tap(PAGES.backOffice, `back-office-entry--${entry}`);
  await phone.waitForPage(route);
}

test('李娜 binds as an observer by invitation and browses 海信慧园’s records, masked; 陈静 sees it audited', async () => {
  // 王强 lets 张伟 out at 东门 this morning
  setClock(fixture.app.cloud, today('09:00'));
  const code = await codeFor(fixture.app.cloud, DEMO_OPENIDS.resident);
  expect(await release(fixture.app.cloud, DEMO_OPENIDS.guard, code, { gate: '东门' })).toMatchObject({ ok: true });
  setClock(fixture.app.cloud, today('10:00'));

  const admin = await fixture.open('admin');
  await openBackOffice(admin, 'observers', PAGES.adminObservers);
  await admin.fill(PAGES.adminObservers, 'observer-name', '李娜');
  await admin.fill(PAGES.adminObservers, 'observer-phone', '13912340003');
  await admin.fill(PAGES.adminObservers, 'observer-organisation', '派出所');
  await admin.tap(PAGES.adminObservers, 'observer-term--1');
  await admin.tapButton(PAGES.adminObservers, 'observer-add');
  const codeNode = admin.node(PAGES.adminObservers, 'invitation-new__code');
  await codeNode.waitFor();
  const invitation = (await codeNode.innerText()).trim();
  expect(invitation).toMatch(/^[2-9A-Z]{10}$/);
  await expectText(admin.node(PAGES.adminObservers, 'observer--pending'), '李娜');

  const lina = await fixture.open('resident2', undefined, { anotherPhone: true });
  await lina.openTab(PAGES.mine);
  await lina.tap(PAGES.mine, 'entry-accept-invitation');
  await lina.waitForPage(PAGES.acceptInvitation);
  await lina.fill(PAGES.acceptInvitation, 'accept-code', invitation);
  await lina.tapButton(PAGES.acceptInvitation, 'accept-submit');
  await expectText(lina.node(PAGES.acceptInvitation, 'accept__done-title'), '您已成为海信慧园的观察员');
  await lina.tapButton(PAGES.acceptInvitation, 'accept__mine');
  await lina.waitForPage(PAGES.mine);
  await lina.tap(PAGES.mine, 'entry-records');
  await lina.waitForPage(PAGES.adminRecords);
  await expectText(lina.node(PAGES.adminRecords, 'records-observer'), '姓名已脱敏');
  const released = lina.node(PAGES.adminRecords, 'record--ok').filter({ hasText: '放行' }).first();
  await expectText(released, '张*');
  await expectText(released, '门岗 王*');
  const page = await lina.node(PAGES.adminRecords, 'records-page').innerText();
  expect(page).not.toContain('张伟');
  expect(page).not.toContain('王强');

  await lina.tapButton(PAGES.adminRecords, 'records-export');
  const dialog = await lina.answerModal('复制链接');
  expect(dialog.title).toBe('导出完成');
  expect(dialog.content).toMatch(/共 \d+ 条记录/);

  // 陈静, on her desk phone, opens 物业管理 → 审计日志
  const desk = await fixture.open('admin', undefined, { anotherPhone: true });
  await openBackOffice(desk, 'audit-log', PAGES.adminAuditLog);
  const entries = desk.node(PAGES.adminAuditLog, 'audit-entry');
  await expectText(entries.first(), '李娜（观察员）');
  await expectText(entries.first(), '导出');
  await expectText(entries.nth(1), '查看');
  for (const phone of [admin, lina, desk]) expect(await phone.errors()).toEqual([]);
}, 120_000);
