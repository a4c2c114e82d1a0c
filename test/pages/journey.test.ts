/**
 * R6 end to end, as a resident lives it: choose a site from home, find it by searching, and find it still
 * chosen after the server restarts — and on another phone, because the choice is stored with the account.
 */
import { usePageTests } from './support/app';
import { search, shownNames, shownSites, tapSite } from './support/sites';
import { waitUntil } from './support/wait';

const app = usePageTests();

test('a resident chooses their site from home, and it stays chosen across a restart', async () => {
  const mp = await app.launch('pages/home/index', 'resident2');
  const home = mp.currentPage;
  await waitUntil(() => home.text().includes('请先选择场区'), 'the empty state');

  home.tap('.site-bar');
  const list = await mp.waitForPage('pages/sites/index');
  await waitUntil(() => shownNames(list).length === 8, 'the demo sites');
  expect(shownNames(list)).toEqual(expect.arrayContaining(['海信慧园', '鸿锦阁', '福源楼']));

  search(list, '鸿锦');
  await waitUntil(() => shownNames(list).join() === '鸿锦阁', 'the search result');
  expect(shownSites(list)).toEqual(['鸿锦阁广东省深圳市罗湖区沿河南路3018号']);

  tapSite(list, '鸿锦阁');
  await mp.waitForPage('pages/home/index');
  await waitUntil(() => home.has('.pass-card'), 'the pass card');
  expect(home.text('.site-bar')).toBe('当前场区：鸿锦阁');

  await app.restart();
  const sameUserNewPhone = await app.launch('pages/home/index', 'resident2');
  await waitUntil(() => sameUserNewPhone.currentPage.has('.pass-card'), 'the site card after the restart');
  expect(sameUserNewPhone.currentPage.text('.site-bar')).toBe('当前场区：鸿锦阁');
});
