/**
 * 出入记录 (P12) on the screen: the guard releases 张伟's pass at the gate and refuses its second showing; 陈静 reads
 * both, newest first, the refusal with its reason; 拒绝 shows the refusal alone; 加载更多 brings the second page of a
 * busy day; a resident who opens the page by its address is refused.
 */
import { shanghaiDate } from '../../miniprogram/core/time';
import { HX, codeFor, cst, release } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import type { MiniProgram } from './support/mini-program';
import { readableText, type PageDriver } from './support/page-driver';
import { setServerClock } from './support/phone-clock';
import { waitUntil } from './support/wait';

const app = usePageTests();

// today 10:00 in Shanghai: inside the demo site's exit windows, and inside the page's 今天 whenever the test runs
const today = (time: string) => cst(`${shanghaiDate(new Date())} ${time}`);

beforeEach(async () => {
  await setServerClock(app.cloud, today('10:00'));
});

/** The guard releases 张伟's pass, then is shown the same code again and the gate refuses it as used. */
async function releaseAndRefuse(): Promise<void> {
  const code = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  expect(await release(app.cloud, DEMO_OPENIDS.guard, code, { gate: '东门' })).toMatchObject({ ok: true });
  await setServerClock(app.cloud, today('10:01'));
  expect(await release(app.cloud, DEMO_OPENIDS.guard, code, { gate: '东门' })).toMatchObject({
    ok: false,
    code: 'PASS_USED',
  });
}

async function recordsPage(): Promise<{ mp: MiniProgram; page: PageDriver }> {
  const mp = await app.launch(PAGES.adminRecords, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.record') || page.has('.records__state--empty'), 'the records');
  await mp.settled();
  return { mp, page };
}

const recordCalls = (mp: MiniProgram) => mp.phone.calls.callFunction.filter((call) => call.data.action === 'records');

async function tapChip(mp: MiniProgram, page: PageDriver, chip: string): Promise<void> {
  const before = recordCalls(mp).length;
  page.tap(chip);
  await waitUntil(() => recordCalls(mp).length > before && page.has('.record'), `${chip} applied`);
  await mp.settled();
}

test('the release and the refusal, newest first; 拒绝 shows the refusal alone', async () => {
  await releaseAndRefuse();
  const { mp, page } = await recordsPage();
  const rows = page.findAll('.record');
  expect(rows.length).toBeGreaterThanOrEqual(3);
  // newest first: the refusal at 10:01 heads the list
  expect(readableText(rows[0])).toContain('拒绝：');
  const first = readableText(rows[0]);
  expect(first).toContain('张伟');
  expect(first).toContain('3栋2单元301');
  expect(first).toContain('东门');
  expect(first).toContain('拒绝：');
  expect(first).toMatch(/\d{4}-\d{2}-\d{2} 10:01/);
  const released = page.findAll('.record--ok').map((row) => readableText(row));
  expect(released.some((text) => text.includes('放行') && text.includes('门岗 王强') && text.includes('10:00'))).toBe(
    true,
  );

  await tapChip(mp, page, '.result-refused');
  expect(page.findAll('.record').length).toBe(1);
  expect(page.findAll('.record--ok')).toEqual([]);
  expect(recordCalls(mp).at(-1)?.data).toMatchObject({ result: 'refused', page: 1 });

  await tapChip(mp, page, '.result-ok');
  expect(page.findAll('.record--refused')).toEqual([]);
});

test('加载更多 brings the second page of a busy day', async () => {
  await releaseAndRefuse();
  // a busy morning at the east gate, in the shape the gate writes its releases
  const at = today('09:00').getTime();
  await app.cloud.lc.db.insert(
    'accessRecords',
    Array.from({ length: 55 }, (_, i) => ({
      _id: `records-page-${i}`,
      siteId: HX,
      at: new Date(at - i * 60_000),
      kind: 'release',
      result: 'ok',
      passType: 'resident',
      holderName: '张伟',
      house: '3栋2单元301',
      gate: '东门',
      direction: 'out',
      actor: { kind: 'guard', id: 'user-wangqiang', name: '王强' },
    })),
  );
  const { mp, page } = await recordsPage();
  expect(page.findAll('.record').length).toBe(50);
  expect(page.has('.records-more')).toBe(true);
  page.tap('.records-more', '.t-button');
  await waitUntil(() => page.findAll('.record').length > 50, 'the second page');
  await mp.settled();
  expect(page.findAll('.record').length).toBe(58);
  expect(page.has('.records-more')).toBe(false);
  expect(recordCalls(mp).at(-1)?.data).toMatchObject({ page: 2 });
});

test('a resident who opens it by its address is refused and reads nothing', async () => {
  const mp = await app.launch(PAGES.adminRecords, 'resident');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(page.has('.record')).toBe(false);
  expect(recordCalls(mp)).toEqual([]);
});

test('when the records cannot be read the page says why, and 重试 reads them again', async () => {
  await releaseAndRefuse();
  const { page } = await recordsPage();
  await app.injectFaults({ mode: 'fail', count: 1000 });
  page.tap('.result-refused');
  await waitUntil(() => page.has('.records__state--failed'), 'the failure');
  expect(page.text('.records__state--failed')).toContain('系统繁忙，请稍后再试');
  expect(page.has('.record')).toBe(false);

  await app.clearFaults();
  page.tap('.records__retry', '.t-button');
  await waitUntil(() => page.has('.record--refused'), 'the refusal after 重试');
  expect(page.has('.record--ok')).toBe(false);
});
