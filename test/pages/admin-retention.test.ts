/**
 * 数据保存期限 (X7) on the screen: 陈静 keeps 海信慧园's access records 90 days and visitors' ID numbers and photos
 * 14, the function answers both and 最近修改 says so with her name; a value a rule refuses shows at its field and sends
 * nothing; a resident is refused.
 */
import type { RetentionSettings } from '../../miniprogram/core/api/admin-retention';
import type { Envelope } from '../../miniprogram/core/envelope';
import { HX, data } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { fill, tip } from './support/account';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import type { MiniProgram } from './support/mini-program';
import type { PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();

async function open(): Promise<{ mp: MiniProgram; page: PageDriver }> {
  const mp = await app.launch(PAGES.adminRetention, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.save-button'), 'the retention page loaded');
  await mp.settled();
  return { mp, page };
}

const saves = (mp: MiniProgram) => mp.phone.calls.callFunction.filter((call) => call.data.action === 'setRetention');

test('陈静 keeps the records 90 days and visitor data 14: the function answers both and 最近修改 shows the change', async () => {
  const { mp, page } = await open();
  expect(page.text('.records-current')).toBe('180');
  expect(page.text('.visitors-current')).toBe('30');
  expect(page.text('.records-explain')).toContain('04:00');
  expect(page.text('.visitors-explain')).toContain('03:00');
  await fill(page, 'records', '90');
  await fill(page, 'visitors', '14');
  page.tap('.save-button', '.t-button');
  await waitUntil(() => saves(mp).length > 0, 'the save');
  expect(saves(mp)[0].data).toMatchObject({ siteId: HX, accessRecordsDays: 90, visitorDataDays: 14 });
  await waitUntil(() => page.has('.recent-changes', '.change'), 'the change in 最近修改');
  const change = page.text('.recent-changes', '.change');
  expect(change).toContain('陈静');
  expect(change).toContain('90');
  expect(change).toContain('14');
  expect(page.text('.records-current')).toBe('90');
  expect(page.text('.visitors-current')).toBe('14');

  const answer = await app.cloud.call<Envelope<RetentionSettings>>(
    'admin',
    { action: 'retention', siteId: HX },
    DEMO_OPENIDS.admin,
  );
  expect(data(answer)).toEqual({ accessRecordsDays: 90, visitorDataDays: 14 });
});

test("10 days of records and 181 of visitor data: each rule's words at its field, and nothing is sent", async () => {
  const { mp, page } = await open();
  await fill(page, 'records', '10');
  await fill(page, 'visitors', '181');
  page.tap('.save-button', '.t-button');
  await waitUntil(() => tip(page, 'records'), 'the problem at its field');
  expect(tip(page, 'records')).toBe('出入记录保存天数应在30到3650之间');
  expect(tip(page, 'visitors')).toBe('访客资料保存天数应在1到180之间');
  // correcting one field clears its problem only
  await fill(page, 'records', '90');
  expect(tip(page, 'records')).toBe('');
  expect(tip(page, 'visitors')).toBe('访客资料保存天数应在1到180之间');
  await mp.settled();
  expect(saves(mp)).toEqual([]);
});

test('a resident who opens it by its address is refused and reads nothing', async () => {
  const mp = await app.launch(PAGES.adminRetention, 'resident');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(page.has('.save-button')).toBe(false);
  expect(mp.phone.calls.callFunction.filter((call) => call.data.action === 'retention')).toEqual([]);
});
