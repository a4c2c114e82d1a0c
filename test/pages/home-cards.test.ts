/**
 * 自助卡务 from home (R9): the entry under the pass opens 我的卡, where cards are bound and read — also for someone
 * who has not chosen a site yet (the cards are the WeChat user's, and the bind form has its own site).
 */
import { CARD_PAGES } from '../support/pages';
import { usePageTests } from './support/app';
import { DEMO_CARDS, bindDirectly, shownCards } from './support/cards';
import { waitUntil } from './support/wait';

const app = usePageTests();
const HOME = 'pages/home/index';

test('home → 自助卡务 opens 我的卡 with the cards bound to me; back is home', async () => {
  await bindDirectly(app.cloud, 'demo-resident-zhangwei', DEMO_CARDS.hxMember);
  const mp = await app.launch(HOME, 'resident');
  const home = mp.currentPage;
  await waitUntil(() => home.has('.pass-card') && home.has('.entry-cards'), 'the 自助卡务 entry');
  expect(home.text('.entry-cards')).toBe('自助卡务卡绑定、卡信息查询');

  home.tap('.entry-cards', '.t-cell');
  await mp.waitForPage(CARD_PAGES.list);
  expect(await shownCards(mp)).toEqual(['会员卡/车卡海信慧园HX1001车牌 鲁B12345']);
  expect(mp.phone.calls.navigateTo).toEqual(['/packages/cards/pages/list/index']);
  expect(mp.routes).toEqual([HOME, CARD_PAGES.list]);

  await mp.navigateBack(1);
  expect(mp.routes).toEqual([HOME]);
});

test('with no site chosen yet, the entry is there too, and 绑定新卡 is one tap further', async () => {
  const mp = await app.launch(HOME, 'resident2');
  const home = mp.currentPage;
  await waitUntil(() => home.text().includes('请先选择场区') && home.has('.entry-cards'), 'the 自助卡务 entry');

  home.tap('.entry-cards', '.t-cell');
  const list = await mp.waitForPage(CARD_PAGES.list);
  expect(await shownCards(mp)).toEqual([]);
  list.tap('.bind-new', '.t-button');
  await mp.waitForPage(CARD_PAGES.bind);
  expect(mp.routes).toEqual([HOME, CARD_PAGES.list, CARD_PAGES.bind]);
});
