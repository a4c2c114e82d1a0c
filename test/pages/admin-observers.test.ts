/**
 * 观察员 through the pages (P11): 陈静 invites 李娜 of the 派出所 for 3 months; the code is shown once and copied;
 * 李娜 opens it from 我的, and her 我的 then offers 出入记录 (read-only), not 物业管理; 陈静 revokes her and the
 * list no longer shows her. 审计日志 lists the reads.
 */
import { HX, codeFor, release } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { useDaytimeServerClock } from './support/phone-clock';
import { answerModal, mineHeader } from './support/account';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import { readableText, type PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();

useDaytimeServerClock(app);

const rows = (page: PageDriver) => page.findAll('.observer').map((node) => readableText(node));

async function observersPage() {
  const mp = await app.launch(PAGES.adminObservers, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.observer') || page.has('.observer--none'), 'the observers');
  return { mp, page };
}

test('陈静 invites 李娜 for 3 months; she binds from 我的 and reads 出入记录; revoked, she is gone from the list', async () => {
  const { mp, page } = await observersPage();
  // the demo observer 刘洋, bound, with no end
  expect(rows(page)).toEqual([expect.stringContaining('刘洋')]);
  expect(rows(page)[0]).toContain('有效');
  expect(rows(page)[0]).toContain('139****0006');

  // nothing typed: each field says what it needs, and nothing is sent
  page.tap('.observer-add', '.t-button');
  await waitUntil(() => page.text('.observer-name').includes('请输入姓名'), 'the name asked for');
  expect(page.text('.observer-phone')).toContain('请输入11位手机号');
  expect(page.text('.observer-organisation')).toContain('街道办');
  expect(mp.phone.calls.callFunction.filter((c) => c.data.action === 'addObserver')).toEqual([]);

  page.type('李娜', '.observer-name', '.t-input__control');
  page.type('13912340003', '.observer-phone', '.t-input__control');
  page.type('派出所', '.observer-organisation', '.t-input__control');
  page.tap('.observer-term--3');
  page.tap('.observer-add', '.t-button');
  await waitUntil(() => page.has('.invitation-new__code'), 'the new code');
  const code = page.text('.invitation-new__code');
  expect(code).toMatch(/^[2-9A-Z]{10}$/);
  expect(page.text('.invitation-new')).toContain('李娜（派出所）的观察员邀请码（仅显示一次）');
  const sent = mp.phone.calls.callFunction.find((c) => c.data.action === 'addObserver');
  expect(sent?.data).toMatchObject({ siteId: HX, name: '李娜', phone: '13912340003', organisation: '派出所' });
  expect(sent?.data.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  page.tap('.invitation-copy', '.t-button');
  await waitUntil(() => mp.phone.calls.setClipboardData.length > 0, 'the copy');
  expect(mp.phone.calls.setClipboardData).toEqual([code]);
  await waitUntil(() => rows(page).some((r) => r.includes('李娜') && r.includes('待绑定')), '李娜 pending');

  // 李娜 opens the code from 我的
  const lina = await app.launch(PAGES.mine, 'resident2');
  await mineHeader(lina);
  expect(lina.currentPage.has('.entry-records')).toBe(false);
  lina.currentPage.tap('.entry-accept-invitation', '.t-cell');
  const accept = await lina.waitForPage(PAGES.acceptInvitation);
  accept.type(code, '.accept-code', '.t-input__control');
  accept.tap('.accept-submit', '.t-button');
  await waitUntil(() => accept.has('.accept__done'), 'accepted');
  expect(accept.text('.accept__done-title')).toBe('您已成为海信慧园的观察员');
  accept.tap('.accept__mine', '.t-button');
  const mine = await lina.waitForPage(PAGES.mine);
  await waitUntil(() => mine.has('.entry-records'), '出入记录 in 李娜’s 我的');
  expect(mine.has('.entry-back-office')).toBe(false);
  mine.tap('.entry-records', '.t-cell');
  const records = await lina.waitForPage(PAGES.adminRecords);
  await waitUntil(() => records.has('.records-observer'), 'the observer’s records');
  lina.exit();

  // 陈静 sees her bound, and revokes her
  mp.exit();
  const again = await observersPage();
  const liNa = () => again.page.findAll('.observer').find((n) => readableText(n).includes('李娜'));
  await waitUntil(() => liNa() && readableText(liNa()!).includes('有效'), '李娜 bound');
  expect(readableText(liNa()!)).toMatch(/有效至 \d{4}-\d{2}-\d{2}/);
  again.page.tap(liNa()!, '.t-cell');
  const modal = await answerModal(again.mp, true);
  expect(modal.content).toContain('李娜（派出所）');
  await waitUntil(() => !rows(again.page).some((r) => r.includes('李娜')), '李娜 gone');
});

test('审计日志 lists 刘洋’s reads of the records and an export, newest first', async () => {
  const code = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  await release(app.cloud, DEMO_OPENIDS.guard, code, { gate: '东门' });
  const call = (action: string, extra: object = {}) =>
    app.cloud.call('admin', { action, siteId: HX, ...extra }, DEMO_OPENIDS.observer);
  await call('records', { gate: '东门', result: 'ok' });
  await call('exportRecords', { requestId: 'audit-page-export-1' });

  const mp = await app.launch(PAGES.adminAuditLog, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.audit-entry'), 'the audit log');
  const entries = page.findAll('.audit-entry').map((n) => readableText(n));
  expect(entries).toHaveLength(2);
  expect(entries[0]).toContain('刘洋（观察员）');
  expect(entries[0]).toMatch(/导出 \d+ 条记录/);
  expect(entries[1]).toMatch(/查看 \d+ 条记录/);
  expect(entries[1]).toContain('东门 · 放行');
});

test('审计日志 with nothing in it says so; an observer who opens the page is refused', async () => {
  const mp = await app.launch(PAGES.adminAuditLog, 'admin');
  await waitUntil(() => mp.currentPage.has('.audit__state--empty'), 'the empty log');
  const observer = await app.launch(PAGES.adminAuditLog, 'observer');
  await waitUntil(() => observer.currentPage.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(observer.phone.calls.callFunction.filter((c) => c.data.action === 'auditLog')).toEqual([]);
});
