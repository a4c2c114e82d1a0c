/**
 * 自助卡务 in a real browser (R10–R12), as a resident goes through it: 我的 → 自助卡务 → 绑定新卡, the SMS code
 * from localcloud's outbox; the card in 我的卡 and its detail; 解除绑定, confirmed, leaves 我的卡 empty.
 */
import { CARD_PAGES, PAGES } from '../support/pages';
import { HX_MEMBER_CARD, bindInBrowser, detailRows, openMyCards, shownCards } from './support/cards';
import { usePreviewApp } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

const fixture = usePreviewApp();

test('bind a card from 我的 → 自助卡务, find it in 我的卡, open it and unbind it', async () => {
  const phone = await fixture.open('resident', PAGES.mine);
  await openMyCards(phone);
  expect(await shownCards(phone)).toEqual([]);
  await expectText(phone.node(CARD_PAGES.list, 'cards__empty'), '还没有绑定的卡片');

  await bindInBrowser(phone, fixture.app, HX_MEMBER_CARD);
  expect(await detailRows(phone)).toMatchObject({ 卡类型: '会员卡/车卡', 卡号: 'HX1001', 场区: '海信慧园' });

  // the form is gone: back from the card is 我的卡, which has it now
  await phone.back(CARD_PAGES.list);
  expect(await phone.routes()).toEqual([PAGES.mine, CARD_PAGES.list]);
  expect(await shownCards(phone)).toEqual(['会员卡/车卡海信慧园HX1001车牌鲁B12345']);

  await phone.node(CARD_PAGES.list, 'card-item').filter({ hasText: 'HX1001' }).tap();
  await phone.waitForPage(CARD_PAGES.detail);
  expect(await detailRows(phone)).toMatchObject({ 卡号: 'HX1001', 车牌: '鲁B12345' });
  await phone.tapButton(CARD_PAGES.detail, 'unbind');
  const asked = await phone.answerModal('解除绑定');
  expect(asked).toEqual({ title: '解除绑定', content: '确定解除会员卡/车卡 HX1001 的绑定吗？解除后可随时重新绑定。' });
  await phone.waitForToast('已解除绑定');
  await phone.waitForPage(CARD_PAGES.list);
  expect(await shownCards(phone)).toEqual([]);
  await expectText(phone.node(CARD_PAGES.list, 'cards__empty'), '还没有绑定的卡片');
  expect(await phone.errors()).toEqual([]);
});
