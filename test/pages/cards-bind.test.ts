import { advanceClock } from '../support/clock';
/**
 * 卡绑定 (R10) through the pages, each card type end to end with the SMS code read from localcloud's outbox: from
 * 海信慧园's embedded registry and from 鸿锦阁's own card system (localcloud's stand-in of its HTTP protocol).
 */
import { CARD_PAGES, PAGES } from '../support/pages';
import { usePageTests } from './support/app';
import { openTab } from './support/account';
import { DEMO_CARDS, bindThroughPage, cardsOf, detailRows, formSite, shownCards } from './support/cards';
import { waitUntil } from './support/wait';

const app = usePageTests();

test('我的 → 自助卡务 → 绑定新卡: the form starts at the current site; a 会员卡 binds and shows its plate', async () => {
  const mp = await app.launch(PAGES.mine, 'resident');
  const mine = await openTab(mp, 'mine');
  await waitUntil(() => mine.has('.entry-cards'), 'the 自助卡务 entry');
  mine.tap('.entry-cards', '.t-cell');

  const list = await mp.waitForPage(CARD_PAGES.list);
  expect(await shownCards(mp)).toEqual([]);
  expect(list.text('.cards__empty')).toContain('还没有绑定的卡片');
  list.tap('.bind-new', '.t-button');

  const bind = await mp.waitForPage(CARD_PAGES.bind);
  await mp.settled();
  expect(formSite(bind)).toBe('海信慧园');
  const detail = await bindThroughPage(app.cloud, mp, DEMO_CARDS.hxMember);
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '绑定成功', icon: 'success' });
  expect(detailRows(detail)).toMatchObject({
    卡类型: '会员卡/车卡',
    卡号: 'HX1001',
    场区: '海信慧园',
    有效期: '至 2027-06-30',
    车牌: '鲁B12345',
  });
  expect(detailRows(detail).绑定时间).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

  // the form is gone: back from the card is 我的卡, which now has it
  await mp.navigateBack(1);
  expect(await shownCards(mp)).toEqual(['会员卡/车卡海信慧园HX1001车牌 鲁B12345']);
  expect(mp.routes).toEqual([PAGES.mine, CARD_PAGES.list]);
});

test('海信慧园 (embedded registry): a 储值卡 shows its balance in 元, a 门禁卡 its validity', async () => {
  const mp = await app.launch(CARD_PAGES.bind, 'resident');
  const stored = await bindThroughPage(app.cloud, mp, DEMO_CARDS.hxStored);
  expect(detailRows(stored)).toMatchObject({ 卡类型: '储值卡', 卡号: 'HX2001', 余额: '256.00元' });

  await mp.redirectTo(`/${CARD_PAGES.bind}`);
  const access = await bindThroughPage(app.cloud, mp, DEMO_CARDS.hxAccess);
  expect(detailRows(access)).toMatchObject({ 卡类型: '门禁卡', 卡号: 'HX3001', 有效期: '至 2027-12-31' });
  expect(Object.keys(detailRows(access))).toEqual(['卡类型', '卡号', '场区', '有效期', '绑定时间']);
  expect((await cardsOf(app.cloud, 'demo-resident-zhangwei')).sort()).toEqual(['HX2001', 'HX3001']);
});

test('鸿锦阁 (its own card system): picked in the sheet, each type binds; the current site stays 海信慧园', async () => {
  const mp = await app.launch(CARD_PAGES.bind, 'resident');
  const member = await bindThroughPage(app.cloud, mp, DEMO_CARDS.hjMember);
  expect(detailRows(member)).toMatchObject({
    卡类型: '会员卡/车卡',
    卡号: 'HJ8801',
    场区: '鸿锦阁',
    有效期: '2026-01-01 至 2026-12-31',
    车牌: '粤B88888',
  });

  // the same phone may have another code a minute later
  advanceClock(app.cloud, 61_000);
  await mp.redirectTo(`/${CARD_PAGES.bind}`);
  const stored = await bindThroughPage(app.cloud, mp, DEMO_CARDS.hjStored);
  expect(detailRows(stored)).toMatchObject({ 卡类型: '储值卡', 场区: '鸿锦阁', 余额: '88.00元' });

  await mp.redirectTo(`/${CARD_PAGES.bind}`);
  const access = await bindThroughPage(app.cloud, mp, DEMO_CARDS.hjAccess);
  expect(detailRows(access)).toMatchObject({ 卡类型: '门禁卡', 卡号: 'HJ7701', 有效期: '至 2028-01-01' });

  await mp.redirectTo(`/${CARD_PAGES.list}`);
  expect((await shownCards(mp)).sort()).toEqual([
    '会员卡/车卡鸿锦阁HJ8801车牌 粤B88888',
    '储值卡鸿锦阁HJ6601余额 88.00元',
    '门禁卡鸿锦阁HJ7701',
  ]);
  const current = await app.cloud.call<{ data: { site: { name: string } } }>(
    'site',
    { action: 'current' },
    'demo-resident-zhangwei',
  );
  expect(current.data.site.name).toBe('海信慧园');
});
