/**
 * 访客审批 through the pages (R15–R18): the approver's inbox (pending first, a count), the approval page's rows,
 * 通过 (the approver's next subscription asked at the tap) and 拒绝 with a reason, a decision shown instead of the
 * buttons afterwards, the visitor's pass on their detail once approved, and someone who may not see a booking.
 * All of it needs the `visitor` function (the visitors-server branch).
 */
import { SUBSCRIPTION_TEMPLATES } from '../../miniprogram/config/subscriptions';
import { visitApprovalUrl, visitDetailUrl } from '../../miniprogram/utils/routes';
import { usePageTests } from './support/app';
import { readableText } from './support/page-driver';
import { waitUntil } from './support/wait';
import { VISIT_PAGES, bookDirectly, shownVisits, visitRows } from './support/visitors';

const app = usePageTests();
const GUARD = 'demo-guard-wangqiang';

test('the host’s inbox shows the pending booking first with a count; its approval page lists R18', async () => {
  await bookDirectly(app.cloud, GUARD);
  const mp = await app.launch(VISIT_PAGES.inbox, 'resident');
  const rows = await shownVisits(mp.currentPage);
  expect(mp.currentPage.text('.inbox__count')).toBe('1 条预约待审核');
  expect(rows[0]).toContain('待审核');

  mp.currentPage.tap('.visit-item');
  const approval = await mp.waitForPage(VISIT_PAGES.approval);
  await waitUntil(() => approval.has('.visit-row'), 'the booking');
  expect(Object.keys(visitRows(approval))).toEqual([
    '受访人姓名',
    '受访人电话',
    '来访人姓名',
    '来访人证件号码',
    '启用日期',
    '截止日期',
    '所属场区',
    '登记日期',
    '审核状态',
  ]);
  expect(visitRows(approval).审核状态).toBe('待审核');
  // 海信慧园 asks for the ID number: the approver sees it masked, never whole
  expect(visitRows(approval).来访人证件号码).toBe('110***********002X');
  expect(approval.has('.approve')).toBe(true);
});

test('通过 asks for the approver’s next subscription, decides once, and the visitor sees the pass', async () => {
  const visit = await bookDirectly(app.cloud, GUARD);
  const mp = await app.launch(visitApprovalUrl(visit.id).slice(1), 'resident');
  const approval = mp.currentPage;
  await waitUntil(() => approval.has('.approve'), 'the buttons');
  approval.tap('.approve', '.t-button');
  await waitUntil(() => approval.has('.approval-decision'), 'the decision');
  expect(mp.phone.calls.requestSubscribeMessage).toEqual([[SUBSCRIPTION_TEMPLATES.visitRequested]]);
  expect(approval.text('.approval-status')).toBe('已通过');
  // decided: the buttons are gone, the decision stays
  expect(approval.has('.approve')).toBe(false);

  const visitor = await app.launch(visitDetailUrl(visit.id).slice(1), 'guard');
  await waitUntil(() => visitor.currentPage.has('.visit-row'), 'the booking');
  // tomorrow's visit: approved, the pass not valid yet, so in words and no QR
  expect(visitor.currentPage.text('.visit-hero__title')).toBe('通行证尚未生效');
  expect(visitor.currentPage.has('#visit-pass-qr')).toBe(false);
});

test('拒绝 asks for an optional reason; the visitor reads it on the booking', async () => {
  const visit = await bookDirectly(app.cloud, GUARD);
  const mp = await app.launch(visitApprovalUrl(visit.id).slice(1), 'resident');
  const approval = mp.currentPage;
  await waitUntil(() => approval.has('.reject'), 'the buttons');
  approval.tap('.reject', '.t-button');
  const dialog = await waitUntil(() => approval.find('.reject-dialog'), 'the dialog');
  approval.find('.reject-reason', '.t-textarea__wrapper-inner')?.dispatchEvent('input', {
    detail: { value: '当天不在家' },
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  // the dialog's 拒绝 is a t-button: tapped on its inner button, as a person's tap lands
  approval.tap(dialog, '.t-dialog__button--confirm', '.t-button');
  await waitUntil(() => approval.has('.approval-decision'), 'the decision');
  expect(approval.text('.approval-status')).toBe('已拒绝');
  expect(approval.text('.approval-decision')).toContain('当天不在家');
});

test('someone who may not see a booking gets 无法查看此预约 and nothing of it', async () => {
  const visit = await bookDirectly(app.cloud, GUARD);
  for (const route of [visitApprovalUrl(visit.id), visitDetailUrl(visit.id)]) {
    const mp = await app.launch(route.slice(1), 'resident2');
    await waitUntil(() => mp.currentPage.has('.visit-refused'), 'the refusal');
    const shown = readableText(mp.currentPage.find('.visit-refused')!);
    expect(shown).toContain('无法查看此预约');
    expect(mp.currentPage.text()).not.toMatch(/张伟|赵六|139\d{8}|137\d{8}/);
    mp.exit();
  }
});
