/**
 * 有效通行证 through the page (X4): 陈静 reads the residents' passes, takes 张伟's back (asked first), and the code on
 * his screen is refused at the gate; 恢复 gives it back. Visitors' passes are a tab of their own.
 */
import { codeFor, scan } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { answerModal } from './support/account';
import { usePageTests } from './support/app';
import { readableText, type PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';
import { DEMO_OPENIDS } from '../support/app-cloud';
import { useDaytimeServerClock } from './support/phone-clock';

const app = usePageTests();

useDaytimeServerClock(app);

const rowOf = (page: PageDriver, name: string) =>
  page.findAll('.pass-item').find((n) => readableText(n).includes(name));

test('收回 张伟’s pass: asked first, marked 已收回, his code refused at the gate; 恢复 lets it through again', async () => {
  const shown = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  const mp = await app.launch(PAGES.adminPasses, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => rowOf(page, '张伟'), '张伟’s pass');
  expect(readableText(rowOf(page, '张伟')!)).toContain('3栋2单元301');

  page.tap(rowOf(page, '张伟')!, '.t-cell');
  const modal = await answerModal(mp, true);
  expect(modal.content).toContain('正在出示的通行码立即失效');
  await waitUntil(() => readableText(rowOf(page, '张伟') ?? page.root).includes('已收回'), '已收回');
  expect(await scan(app.cloud, DEMO_OPENIDS.guard, shown)).toMatchObject({ ok: false, code: 'PASS_REVOKED' });

  page.tap(rowOf(page, '张伟')!, '.t-cell');
  expect((await answerModal(mp, true)).title).toBe('恢复通行证');
  await waitUntil(() => !readableText(rowOf(page, '张伟') ?? page.root).includes('已收回'), 'restored');
  expect(await scan(app.cloud, DEMO_OPENIDS.guard, await codeFor(app.cloud, DEMO_OPENIDS.resident))).toMatchObject({
    ok: true,
  });
});

test('cancelling the question changes nothing; the visitors’ tab lists no pass when none is in force', async () => {
  const mp = await app.launch(PAGES.adminPasses, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => rowOf(page, '张伟'), '张伟’s pass');
  page.tap(rowOf(page, '张伟')!, '.t-cell');
  await answerModal(mp, false);
  expect(readableText(rowOf(page, '张伟')!)).not.toContain('已收回');

  page.tap('.passes-kind--visitor');
  await waitUntil(() => page.has('.passes__state--empty'), 'no visitor pass');
  expect(page.text('.passes__state--empty')).toContain('暂无有效的访客通行证');
});
