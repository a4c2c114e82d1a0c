import type { SiteCurrentResponse, SiteListResponse } from '../../miniprogram/core/api/site';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import type { MiniProgram } from './support/mini-program';
import { readableText, type AnyNode, type PageDriver } from './support/page-driver';
import { addSites, search, shownNames, shownSites, tapSite } from './support/sites';
import { waitUntil } from './support/wait';
import { newPhone } from './support/wx-client';

const app = usePageTests();

const SITES = 'pages/sites/index';

async function openList(who: Parameters<typeof app.launch>[1]): Promise<{ mp: MiniProgram; list: PageDriver }> {
  const mp = await app.launch(SITES, who);
  const list = mp.currentPage;
  await waitUntil(() => list.has('.site-cell') || list.has('.sites__state'), 'the list');
  await mp.settled();
  return { mp, list };
}

function listCalls(mp: MiniProgram) {
  return mp.phone.calls.callFunction.filter((call) => call.name === 'site' && call.data.action === 'list');
}

test('every site is listed in pinyin order with its address, the current one marked', async () => {
  const { list } = await openList('resident');
  const answer = await app.cloud.call<Envelope<SiteListResponse>>('site', { action: 'list' }, DEMO_OPENIDS.resident);
  if (!answer.ok) throw new Error(answer.message);

  expect(shownNames(list)).toEqual(answer.data.items.map((site) => site.name));
  expect(shownSites(list)).toContain('海信慧园山东省青岛市市南区镇江南路6号当前');
  expect(shownSites(list)).toContain('鸿锦阁广东省深圳市罗湖区沿河南路3018号');
  expect(shownSites(list).filter((line) => line.endsWith('当前'))).toHaveLength(1);
  expect(list.text('.sites__footer')).toBe('没有更多了');
});

test('typing searches name, address and pinyin once the typing pauses; no match says so', async () => {
  const { mp, list } = await openList('resident');

  // keystroke by keystroke: one request for the word, not one per keystroke
  const before = listCalls(mp).length;
  for (const typed of ['s', 'sh', 'she', 'shen', '深圳']) search(list, typed);
  await waitUntil(() => shownNames(list).length === 2, 'the narrowed list');
  expect(shownNames(list)).toEqual(['福源楼', '鸿锦阁']);
  expect(
    listCalls(mp)
      .slice(before)
      .map((call) => call.data.keyword),
  ).toEqual(['深圳']);

  search(list, 'hxhy');
  await waitUntil(() => shownNames(list).join() === '海信慧园', 'the initials match');

  search(list, '没有这个场区');
  await waitUntil(() => list.has('.sites__state'), 'the empty state');
  expect(list.text('.sites__state')).toBe('没有找到相关场区，换个关键词试试');

  search(list, '');
  await waitUntil(() => shownNames(list).length === 8, 'every site again');
});

test('a slow answer to an older search never replaces the newer one', async () => {
  // the first list (every site) answers after the search typed meanwhile has been answered
  await app.injectFaults({ mode: 'slow', count: 3, delayMs: 1500, collection: 'sites' });
  const mp = await app.launch(SITES, 'resident');
  const list = mp.currentPage;
  search(list, '鸿锦');
  await waitUntil(() => shownNames(list).join() === '鸿锦阁', 'the search result');
  await mp.settled();
  expect(shownNames(list)).toEqual(['鸿锦阁']);
});

test('scrolling to the bottom loads the next page until there is no more', async () => {
  const added = await addSites(app.cloud, 25);
  const { mp, list } = await openList('resident');
  expect(shownNames(list)).toHaveLength(20);
  expect(list.has('.sites__footer')).toBe(false);

  list.scrollToBottom();
  await waitUntil(() => shownNames(list).length === 33, 'the second page');
  expect(shownNames(list)).toEqual(expect.arrayContaining([...added, '海信慧园', '鸿锦阁']));
  expect(new Set(shownNames(list)).size).toBe(33);
  expect(list.text('.sites__footer')).toBe('没有更多了');

  // at the end, scrolling asks for nothing more
  const calls = listCalls(mp).length;
  list.scrollToBottom();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(listCalls(mp)).toHaveLength(calls);
});

test('tapping a site selects it and goes back to home, which shows it', async () => {
  const home = await app.launch('pages/home/index', 'resident');
  await waitUntil(() => home.currentPage.has('.pass-card'), 'home');
  home.currentPage.tap('.site-bar');
  const list = await home.waitForPage(SITES);
  await waitUntil(() => list.has('.site-cell'), 'the list');

  tapSite(list, '鸿锦阁');
  const back = await home.waitForPage('pages/home/index');
  await waitUntil(() => back.text('.site-bar') === '当前场区：鸿锦阁', 'home with the new site');
  expect(home.phone.calls.navigateBack).toEqual([1]);
  expect(home.routes).toEqual(['pages/home/index']);
  expect(home.phone.calls.showLoading).toEqual(['正在切换']);
  expect(home.phone.calls.hideLoading).toBe(1);
});

test('tapping the site that is already current just goes back, with nothing to change', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await waitUntil(() => mp.currentPage.has('.pass-card'), 'home');
  mp.currentPage.tap('.site-bar');
  const list = await mp.waitForPage(SITES);
  await waitUntil(() => shownSites(list).includes('海信慧园山东省青岛市市南区镇江南路6号当前'), 'the marked site');

  tapSite(list, '海信慧园');
  await mp.waitForPage('pages/home/index');
  expect(mp.phone.calls.callFunction.filter((call) => call.data.action === 'select')).toEqual([]);
});

test('the list failing to load says so in plain Chinese, and 重试 loads it', async () => {
  await app.injectFaults({ mode: 'fail', count: 1000 });
  const { list } = await openList('resident');
  expect(list.text('.sites__state')).toBe('系统繁忙，请稍后再试重试');

  await app.clearFaults();
  list.tap('.sites__action', '.t-button');
  await waitUntil(() => shownNames(list).length === 8, 'the list');
});

test('with no network the list says 网络不给力', async () => {
  // nothing listens on the discard port: the request fails the way a phone without signal does
  const { list } = await openList(newPhone(DEMO_OPENIDS.resident, () => 'http://127.0.0.1:9'));
  expect(list.text('.sites__state')).toBe('网络不给力，请稍后再试重试');
});

test('a selection the function could not finish is sent again with the same requestId', async () => {
  const { mp, list } = await openList('resident2');
  await app.injectFaults({ mode: 'fail', count: 1, collection: 'users' });
  tapSite(list, '鸿锦阁');
  await waitUntil(() => mp.phone.calls.showToast.length === 1, 'the toast');
  expect(mp.phone.calls.showToast).toEqual([{ title: '系统繁忙，请稍后再试', icon: 'none' }]);
  expect(mp.routes).toEqual([SITES]);

  tapSite(list, '鸿锦阁');
  // the list was the first page (nothing to go back to), so it gives way to the home tab
  await waitUntil(() => mp.phone.calls.switchTab.length === 1, 'leaving the list');
  const selects = mp.phone.calls.callFunction.filter((call) => call.data.action === 'select');
  expect(selects).toHaveLength(2);
  expect(selects[1].data.requestId).toBe(selects[0].data.requestId);
  expect(selects[0].data.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  await waitUntil(() => mp.currentPage.route === 'pages/home/index' && mp.currentPage.has('.pass-card'), 'home');
  expect(mp.currentPage.text('.site-bar')).toBe('当前场区：鸿锦阁');
});

test('a site removed meanwhile is refused with its reason; the next tap is a new request', async () => {
  const { mp, list } = await openList('resident2');
  await app.cloud.lc.db.remove('sites', { _id: 'site-hongjin-ge' }, false);

  tapSite(list, '鸿锦阁');
  await waitUntil(() => mp.phone.calls.showToast.length === 1, 'the toast');
  expect(mp.phone.calls.showToast[0].title).toBe('该场区不存在');
  tapSite(list, '鸿锦阁');
  await waitUntil(() => mp.phone.calls.showToast.length === 2, 'the second toast');

  const selects = mp.phone.calls.callFunction.filter((call) => call.data.action === 'select');
  expect(selects[1].data.requestId).not.toBe(selects[0].data.requestId);
});

/** 我的小区 as the person reads it: each of their sites and what they are there. */
function mySites(list: PageDriver): string[] {
  return list.findAll('.my-site-cell').map((cell) => readableText(cell));
}

test('我的小区 comes first: a resident of two sites switches to the other in one tap', async () => {
  const { mp, list } = await openList('resident2');
  await waitUntil(() => mySites(list).length === 2, '我的小区');
  expect(list.text().indexOf('我的小区')).toBeLessThan(list.text().indexOf('全部场区'));
  expect(mySites(list)).toEqual(['海信慧园5栋1单元101', '鸿锦阁8栋1单元1203']);
  expect(list.has('.stranger')).toBe(false);

  list.tap(list.findAll('.my-site-cell')[1] as AnyNode, '.t-cell');
  await waitUntil(() => mp.phone.calls.callFunction.some((call) => call.data.action === 'select'), 'the switch');
  await mp.settled();
  const answer = await app.cloud.call<Envelope<SiteCurrentResponse>>(
    'site',
    { action: 'current' },
    DEMO_OPENIDS.resident2,
  );
  expect(answer).toMatchObject({ ok: true, data: { site: { name: '鸿锦阁' }, roles: ['resident'] } });
});

test('on a site where they do not live, a person reads what to do next: the property phone', async () => {
  const phone = newPhone('wx-site-visitor', () => app.cloud.lc.url);
  await app.cloud.call(
    'site',
    { action: 'select', siteId: 'site-haixin-huiyuan', requestId: 'req-visitor-1' },
    phone.openid,
  );
  const { list } = await openList(phone);
  await waitUntil(() => list.has('.stranger'), 'what to do next');
  expect(list.text('.stranger')).toBe(
    '您还不是海信慧园的住户如需在此通行，请申请入住，物业审核通过后即可使用住户通行证。申请入住联系物业 0532-8588 6600',
  );
  expect(list.has('.my-site-cell')).toBe(false);
});
