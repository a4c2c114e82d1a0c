/**
 * 卡信息查询 and 解除绑定 (R11, R12) through the pages: 我的卡 across sites, a card's detail refreshed from its card
 * system (信息可能不是最新 when that is down), and unbinding after a confirmation, back to 我的卡.
 */
import { CARD_PAGES } from '../support/pages';
import { usePageTests } from './support/app';
import { answerModal } from './support/account';
import {
  DEMO_CARDS,
  addHongjinCards,
  bindDirectly,
  cardsOf,
  detailRows,
  openCard,
  setCardSystemDown,
  shownCards,
} from './support/cards';
import { readableText } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();
const ZHANGWEI = 'demo-resident-zhangwei';

test('我的卡 lists my cards across sites, newest first, with the balance in 元 or the plate; only mine', async () => {
  await bindDirectly(app.cloud, ZHANGWEI, DEMO_CARDS.hxMember);
  await bindDirectly(app.cloud, ZHANGWEI, DEMO_CARDS.hjStored);
  await bindDirectly(app.cloud, 'demo-resident-lina', DEMO_CARDS.hxAccess);
  const mp = await app.launch(CARD_PAGES.list, 'resident');
  expect(await shownCards(mp)).toEqual(['储值卡鸿锦阁HJ6601余额 88.00元', '会员卡/车卡海信慧园HX1001车牌 鲁B12345']);
});

test('a card’s detail is refreshed from its card system as it opens; when that is down it says so', async () => {
  await addHongjinCards(app.cloud, [{ number: 'HJ5601', type: 'stored', phone: '13600000002', balanceFen: 500 }]);
  const card = { ...DEMO_CARDS.hjStored, number: 'HJ5601', phone: '13600000002' };
  await bindDirectly(app.cloud, ZHANGWEI, card);
  // spent and topped up at the site since
  await addHongjinCards(app.cloud, [{ number: 'HJ5601', type: 'stored', phone: '13600000002', balanceFen: 12345 }]);

  const mp = await app.launch(CARD_PAGES.list, 'resident');
  expect(await shownCards(mp)).toEqual(['储值卡鸿锦阁HJ5601余额 5.00元']);
  openCard(mp.currentPage, 'HJ5601');
  const detail = await mp.waitForPage(CARD_PAGES.detail);
  await waitUntil(() => detail.has('.card-row'), 'the card');
  // type, number and site on the card face; the rows under it say the rest (detailRows refuses a field shown twice)
  expect(detailRows(detail)).toMatchObject({ 卡类型: '储值卡', 卡号: 'HJ5601', 场区: '鸿锦阁', 余额: '123.45元' });
  expect(detail.findAll('.card-row').map((row) => readableText(row, '.t-cell__title-text'))).toEqual([
    '余额',
    '绑定时间',
  ]);
  expect(detail.has('.stale-notice')).toBe(false);

  await setCardSystemDown(app.cloud, true);
  await mp.navigateBack(1);
  openCard(mp.currentPage, 'HJ5601');
  const stale = await mp.waitForPage(CARD_PAGES.detail);
  await waitUntil(() => stale.has('.card-row'), 'the card');
  expect(stale.text('.stale-notice')).toMatch(
    /^信息可能不是最新卡务系统暂时无法连接，以下为 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的信息$/,
  );
  expect(detailRows(stale).余额).toBe('123.45元');
});

test('解除绑定 asks first: 取消 keeps the card; confirmed, it is gone from 我的卡 and free to bind again', async () => {
  await bindDirectly(app.cloud, ZHANGWEI, DEMO_CARDS.hxMember);
  await bindDirectly(app.cloud, ZHANGWEI, DEMO_CARDS.hxAccess);
  const mp = await app.launch(CARD_PAGES.list, 'resident');
  expect(await shownCards(mp)).toHaveLength(2);
  openCard(mp.currentPage, 'HX1001');
  const detail = await mp.waitForPage(CARD_PAGES.detail);
  await waitUntil(() => detail.has('.card-row'), 'the card');

  detail.tap('.unbind', '.t-button');
  const asked = await answerModal(mp, false);
  expect(asked).toMatchObject({
    title: '解除绑定',
    content: '确定解除会员卡/车卡 HX1001 的绑定吗？解除后可随时重新绑定。',
    confirmText: '解除绑定',
    cancelText: '取消',
  });
  await mp.settled();
  expect(await cardsOf(app.cloud, ZHANGWEI)).toEqual(['HX3001', 'HX1001']);

  detail.tap('.unbind', '.t-button');
  await answerModal(mp, true);
  await mp.waitForPage(CARD_PAGES.list);
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '已解除绑定', icon: 'success' });
  expect(await shownCards(mp)).toEqual(['门禁卡海信慧园HX3001']);
  // its phone may have another code a minute later
  app.cloud.lc.clock.setOffset(61_000);
  expect((await bindDirectly(app.cloud, 'demo-resident-lina', DEMO_CARDS.hxMember)).number).toBe('HX1001');
});

test('a card that is no longer mine: the detail says so plainly', async () => {
  const card = await bindDirectly(app.cloud, ZHANGWEI, DEMO_CARDS.hxMember);
  const mp = await app.launch(`${CARD_PAGES.detail}?id=${encodeURIComponent(card.id)}`, 'resident2');
  await waitUntil(() => mp.currentPage.has('.retry'), 'the failure');
  expect(mp.currentPage.text()).toContain('没有找到这张卡');
  expect(mp.currentPage.has('.unbind')).toBe(false);
});

test('opened without saying which card, the detail says so in words and offers 我的卡', async () => {
  const mp = await app.launch(CARD_PAGES.detail, 'resident');
  await waitUntil(() => mp.currentPage.has('.my-cards'), 'the explanation');
  expect(mp.currentPage.text()).toContain('没有指定要查看的卡，请在“我的卡”中选择一张卡');
  expect(mp.currentPage.has('.retry')).toBe(false);
  expect(mp.currentPage.has('.unbind')).toBe(false);
  expect(mp.phone.calls.callFunction).toEqual([]);

  mp.currentPage.tap('.my-cards', '.t-button');
  expect(await shownCards(mp)).toEqual([]);
  expect(mp.routes).toEqual([CARD_PAGES.list]);
});
