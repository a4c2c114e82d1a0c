/**
 * 数据保存期限 (X7) on the screen: 陈静 keeps 海信慧园's access records 90 days, the function answers 90 and 最近修改
 * says so with her name; a value the rule refuses shows at the field and sends nothing; a resident is refused.
 */
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

test('陈静 keeps the records 90 days: the function answers 90 and 最近修改 shows the change', async () => {
  const { mp, page } = await open();
  expect(page.text('.form-page__subtitle')).toContain('180');
  expect(page.text('.retention-explain')).toContain('04:00');
  await fill(page, 'days', '90');
  page.tap('.save-button', '.t-button');
  await waitUntil(() => saves(mp).length > 0, 'the save');
  await waitUntil(() => page.has('.recent-changes', '.change'), 'the change in 最近修改');
  const change = page.text('.recent-changes', '.change');
  expect(change).toContain('陈静');
  expect(change).toContain('90');
  expect(page.text('.form-page__subtitle')).toContain('90');

  const answer = await app.cloud.call<Envelope<{ accessRecordsDays: number }>>(
    'admin',
    { action: 'retention', siteId: HX },
    DEMO_OPENIDS.admin,
  );
  expect(data(answer).accessRecordsDays).toBe(90);
});

test("10 days: the rule's words at the field, and nothing is sent", async () => {
  const { mp, page } = await open();
  await fill(page, 'days', '10');
  page.tap('.save-button', '.t-button');
  await waitUntil(() => tip(page, 'days'), 'the problem at its field');
  expect(tip(page, 'days')).toBe('出入记录保存天数应在30到3650之间');
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
