/**
 * 出入记录 for an observer (P11): 刘洋 of the 街道办 reaches it from 我的; the records read with names masked and a
 * note that his reads are audited; the pass type chips and the gate narrow them; 导出 copies the CSV's link; the page
 * offers him nothing that writes. The administrator's page has the same filters and export, with names.
 */
import { shanghaiDate } from '../../miniprogram/core/time';
import { codeFor, cst, release } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { answerModal, mineHeader } from './support/account';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import type { MiniProgram } from './support/mini-program';
import type { PageDriver } from './support/page-driver';
import { setServerClock } from './support/phone-clock';
import { waitUntil } from './support/wait';

const app = usePageTests();
const today = (time: string) => cst(`${shanghaiDate(new Date())} ${time}`);

beforeEach(async () => {
  await setServerClock(app.cloud, today('10:00'));
  const code = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  const released = await release(app.cloud, DEMO_OPENIDS.guard, code, { gate: '东门' });
  if (!released.ok) throw new Error(`the release was refused: ${released.message}`);
});

const calls = (mp: MiniProgram, action: string) =>
  mp.phone.calls.callFunction.filter((call) => call.data.action === action);

async function settledRecords(mp: MiniProgram, page: PageDriver, before: number): Promise<void> {
  await waitUntil(
    () => calls(mp, 'records').length > before && (page.has('.record') || page.has('.records__state--empty')),
    'the records',
  );
  await mp.settled();
}

test('刘洋 reaches 出入记录 from 我的 and reads it masked, read-only; the filters narrow it; 导出 copies a link', async () => {
  const mp = await app.launch(PAGES.mine, 'observer');
  await mineHeader(mp);
  await waitUntil(() => mp.currentPage.has('.entry-records'), '出入记录 in 刘洋’s 我的');
  expect(mp.currentPage.has('.entry-back-office')).toBe(false);
  mp.currentPage.tap('.entry-records', '.t-cell');
  const page = await mp.waitForPage(PAGES.adminRecords);
  await settledRecords(mp, page, 0);

  expect(page.text('.records-observer')).toContain('姓名已脱敏');
  const text = page.text();
  expect(text).toContain('张*');
  expect(text).toContain('门岗 王*');
  expect(text).not.toContain('张伟');
  expect(text).not.toContain('王强');
  // nothing that writes: no form, no revoke, no settings; export and the filters only
  expect(page.findAll('.records-export')).toHaveLength(1);
  for (const word of ['撤销', '保存', '删除', '作废', '授权', '添加']) expect(text).not.toContain(word);

  let before = calls(mp, 'records').length;
  page.tap('.pass-type-visitor');
  await settledRecords(mp, page, before);
  expect(page.has('.records__state--empty')).toBe(true);
  expect(calls(mp, 'records').at(-1)?.data).toMatchObject({ passType: 'visitor', page: 1 });

  before = calls(mp, 'records').length;
  page.tap('.pass-type-resident');
  await settledRecords(mp, page, before);
  before = calls(mp, 'records').length;
  page.type('西门', '.records-gate', '.t-input__control');
  page.find('.records-gate', '.t-input__control')?.dispatchEvent('blur', { detail: { value: '西门' } });
  await settledRecords(mp, page, before);
  expect(calls(mp, 'records').at(-1)?.data).toMatchObject({ passType: 'resident', gate: '西门' });
  expect(page.has('.records__state--empty')).toBe(true);

  page.tap('.records-export', '.t-button');
  const modal = await answerModal(mp, true);
  expect(modal.title).toBe('导出完成');
  expect(modal.content).toContain('共 0 条记录');
  await waitUntil(() => mp.phone.calls.setClipboardData.length > 0, 'the link copied');
  expect(mp.phone.calls.setClipboardData[0]).toMatch(/^https?:\/\//);
  expect(calls(mp, 'exportRecords')[0].data).toMatchObject({ passType: 'resident', gate: '西门' });
});

test('the administrator reads names and exports the same filters', async () => {
  const mp = await app.launch(PAGES.adminRecords, 'admin');
  const page = mp.currentPage;
  await settledRecords(mp, page, 0);
  expect(page.has('.records-observer')).toBe(false);
  expect(page.text()).toContain('张伟');
  page.tap('.records-export', '.t-button');
  const modal = await answerModal(mp, false);
  expect(modal.content).toMatch(/共 [1-9]\d* 条记录/);
  expect(mp.phone.calls.setClipboardData).toEqual([]);
});

test('an observer whose right was revoked reads why', async () => {
  await app.cloud.lc.db.modify(
    'memberships',
    { role: 'observer' },
    { $set: { status: 'revoked' } },
    { multi: true, merge: true, upsert: false },
  );
  const mp = await app.launch(PAGES.adminRecords, 'observer');
  // revoked, he no longer holds the role: the page refuses him before asking for records
  await waitUntil(() => mp.currentPage.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(calls(mp, 'records')).toEqual([]);
});

test('an observer whose right has expired holds the role no more: the page refuses him as a revoked one', async () => {
  await app.cloud.lc.db.modify(
    'memberships',
    { role: 'observer' },
    { $set: { 'observer.expiresAt': today('00:00') } },
    { multi: true, merge: true, upsert: false },
  );
  const mp = await app.launch(PAGES.adminRecords, 'observer');
  // site.current no longer names the role from his last day on (the function itself says since when: functions test)
  await waitUntil(() => mp.currentPage.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(calls(mp, 'records')).toEqual([]);
  expect(mp.currentPage.has('.record')).toBe(false);
});
