/**
 * R6 in a real browser, as a resident lives it: home shows the current site; tapping it opens the site list;
 * searching narrows it; choosing a site returns home, which shows the new one.
 */
import { usePreviewApp } from './support/preview-app';
import { expectText, normalize, waitFor } from '../../preview/driver/wait';

const HOME = 'pages/home/index';
const SITES = 'pages/sites/index';

const fixture = usePreviewApp();

test('a resident changes their current site from home, through search', async () => {
  const phone = await fixture.open('resident');
  await phone.waitForPage(HOME);
  await expectText(phone.node(HOME, 'site-bar'), '当前场区：海信慧园');

  await phone.tap(HOME, 'site-bar');
  await phone.waitForPage(SITES);
  // every site, below 我的小区 (which repeats 海信慧园 above them)
  const names = phone.node(SITES, 'site-cell').locator('.t-cell--t-cell__title-text');
  await waitFor(async () => (await names.count()) === 8, 'the 8 demo sites');
  expect(await names.allInnerTexts()).toEqual(expect.arrayContaining(['海信慧园', '鸿锦阁', '福源楼']));
  expect(await phone.routes()).toEqual([HOME, SITES]);

  await phone.node(SITES, 'site-search').locator('input').fill('鸿锦');
  await waitFor(async () => (await names.allInnerTexts()).join() === '鸿锦阁', 'the search result');

  await names.filter({ hasText: '鸿锦阁' }).tap();
  await phone.waitForPage(HOME);
  expect(await phone.routes()).toEqual([HOME]);
  await expectText(phone.node(HOME, 'site-bar'), '当前场区：鸿锦阁');
  expect(await phone.errors()).toEqual([]);
});

test('the choice is stored with the account: another browser as the same person sees it', async () => {
  const first = await fixture.open('resident2');
  await first.waitForPage(HOME);
  await expectText(first.node(HOME, 'site-bar'), '当前场区：未选择');
  await first.tap(HOME, 'site-bar');
  await first.waitForPage(SITES);
  await first.page.locator('.t-cell--t-cell__title-text', { hasText: '福源楼' }).tap();
  await first.waitForPage(HOME);
  await expectText(first.node(HOME, 'site-bar'), '当前场区：福源楼');

  const again = await fixture.open('resident2');
  await again.waitForPage(HOME);
  await expectText(again.node(HOME, 'site-bar'), '福源楼');
  expect(normalize(await again.node(HOME, 'site-bar').innerText())).toBe('当前场区：福源楼');
});
