/**
 * 人员权限 and 接受邀请 through the pages (X2): 陈静 makes 张伟 a guard by his phone and his 我的 offers 门岗扫码; she
 * cannot take away the last administrator (the page says why, in place); an invitation code is shown once, copied,
 * and opened by 王强, whose 我的 then offers 物业管理.
 */
import { PAGES } from '../support/pages';
import { answerModal, mineHeader } from './support/account';
import { usePageTests } from './support/app';
import { readableText, type PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();

/** what a person reads in each row of a group (the rows are slotted into the group, so read one by one) */
const rows = (page: PageDriver, group: 'admin' | 'guard') =>
  page.findAll(`.staff-member--${group}`).map((node) => readableText(node));

async function staffPage(who: 'admin') {
  const mp = await app.launch(PAGES.adminStaff, who);
  const page = mp.currentPage;
  await waitUntil(() => page.has('.staff-member--admin'), 'the staff list');
  return { mp, page };
}

test('陈静 grants 张伟 the guard role by his phone; his 我的 then offers 门岗扫码', async () => {
  const { page } = await staffPage('admin');
  expect(rows(page, 'admin')).toEqual([expect.stringContaining('陈静')]);
  expect(rows(page, 'admin')[0]).toContain('139****0005');
  expect(rows(page, 'guard')).toEqual([expect.stringContaining('王强')]);

  page.type('1391234', '.staff-phone', '.t-input__control');
  page.tap('.staff-grant', '.t-button');
  await waitUntil(() => page.text('.staff-phone').includes('请输入11位手机号'), 'the phone refused');

  page.type('13912340001', '.staff-phone', '.t-input__control');
  page.tap('.staff-grant', '.t-button');
  await waitUntil(() => rows(page, 'guard').some((row) => row.includes('张伟')), '张伟 among the guards');
  expect(rows(page, 'guard')).toHaveLength(2);

  const zhangwei = await app.launch(PAGES.mine, 'resident');
  await mineHeader(zhangwei);
  await waitUntil(() => zhangwei.currentPage.has('.entry-guard'), '门岗扫码 in 张伟’s 我的');
});

test('the last administrator cannot be revoked: the page asks, then says why in place', async () => {
  const { mp, page } = await staffPage('admin');
  page.tap('.staff-member--admin', '.t-cell');
  const modal = await answerModal(mp, true);
  expect(modal.content).toContain('陈静（您本人）');
  await waitUntil(() => page.has('.staff-refusal'), 'the refusal');
  expect(page.text('.staff-refusal')).toContain('至少要保留一位物业管理员');
  expect(rows(page, 'admin')).toEqual([expect.stringContaining('陈静')]);
});

test('an invitation code: shown once and copied; 王强 opens it and his 我的 offers 物业管理', async () => {
  const { mp, page } = await staffPage('admin');
  page.tap('.staff-role--admin');
  page.tap('.staff-invite', '.t-button');
  await waitUntil(() => page.has('.invitation-new__code'), 'the new code');
  const code = page.text('.invitation-new__code');
  expect(code).toMatch(/^[2-9A-Z]{10}$/);
  expect(page.text('.invitation-new')).toContain('物业管理员邀请码');
  page.tap('.invitation-copy', '.t-button');
  await waitUntil(() => mp.phone.calls.setClipboardData.length > 0, 'the copy');
  expect(mp.phone.calls.setClipboardData).toEqual([code]);
  await waitUntil(() => page.has('.staff-invitation'), 'the open invitation listed');

  const wangqiang = await app.launch(PAGES.mine, 'guard');
  await mineHeader(wangqiang);
  expect(wangqiang.currentPage.has('.entry-back-office')).toBe(false);
  wangqiang.currentPage.tap('.entry-accept-invitation', '.t-cell');
  const accept = await wangqiang.waitForPage(PAGES.acceptInvitation);
  accept.type(code.toLowerCase(), '.accept-code', '.t-input__control');
  accept.tap('.accept-submit', '.t-button');
  await waitUntil(() => accept.has('.accept__done'), 'accepted');
  expect(accept.text('.accept__done-title')).toBe('您已成为海信慧园的物业管理员');

  accept.tap('.accept__mine', '.t-button');
  const mine = await wangqiang.waitForPage(PAGES.mine);
  await waitUntil(() => mine.has('.entry-back-office'), '物业管理 in 王强’s 我的');
  wangqiang.exit();

  // the same code again is refused with the function's reason
  const again = await app.launch(PAGES.acceptInvitation, 'resident');
  again.currentPage.type(code, '.accept-code', '.t-input__control');
  again.currentPage.tap('.accept-submit', '.t-button');
  await waitUntil(() => again.currentPage.text('.accept-code').includes('该邀请码已被使用'), 'the refusal');
});
