/**
 * The bind form refuses plainly (R10): as the person types, with the core rules; and every refusal of the `card`
 * function on the form — none of them revealing the card's phone — with nothing bound.
 */
import { CARD_PAGES } from '../support/pages';
import { usePageTests } from './support/app';
import { canSubmit, fill, notice, requestCode, tip } from './support/account';
import {
  DEMO_CARDS,
  addHongjinCards,
  bindDirectly,
  cardsOf,
  choiceTip,
  chooseType,
  chosenType,
  fillCard,
  formSite,
  pickSite,
  setCardSystemDown,
} from './support/cards';
import { waitUntil } from './support/wait';
import type { PageDriver } from './support/page-driver';

const app = usePageTests();
const ZHANGWEI = 'demo-resident-zhangwei';

const cardCalls = (calls: Array<{ name: string }>) => calls.filter((call) => call.name === 'card');

/** 获取验证码 for what the form holds, then the refusal it shows. */
async function refusalOfSend(bind: PageDriver): Promise<string> {
  bind.tap('.code-button', '.t-button');
  return waitUntil(() => notice(bind) || undefined, 'the refusal');
}

test('as the person types: a site, a type, a printed number and a phone before 获取验证码; 确认绑定 waits for all', async () => {
  const mp = await app.launch(CARD_PAGES.bind, 'newcomer');
  const bind = mp.currentPage;
  await mp.settled();
  // a newcomer has no current site: the form asks for one
  expect(formSite(bind)).toBe('请选择场区');
  expect(chosenType(bind)).toBe('');

  bind.tap('.code-button', '.t-button');
  await waitUntil(() => choiceTip(bind, 'site') === '请选择场区', 'the site tip');
  expect(choiceTip(bind, 'type')).toBe('请选择卡类型');
  expect(tip(bind, 'number')).toBe('请填写卡号');
  expect(tip(bind, 'phone')).toBe('请填写手机号');

  await pickSite(bind, '海信慧园');
  expect(choiceTip(bind, 'site')).toBe('');
  chooseType(bind, '储值卡');
  await waitUntil(() => chosenType(bind) === '储值卡', 'the type chosen');
  expect(choiceTip(bind, 'type')).toBe('');
  await fill(bind, 'number', 'HX-2001');
  expect(tip(bind, 'number')).toBe('卡号为4到32位字母或数字');
  await fill(bind, 'number', 'HX2001');
  await fill(bind, 'phone', '1391234');
  expect(tip(bind, 'phone')).toBe('请输入11位手机号');
  await fill(bind, 'phone', '13912340001');
  await fill(bind, 'code', '12345', true);
  expect(tip(bind, 'code')).toBe('请输入6位数字验证码');
  expect(canSubmit(bind)).toBe(false);
  expect(cardCalls(mp.phone.calls.callFunction)).toEqual([]);

  await fill(bind, 'code', '123456');
  expect(canSubmit(bind)).toBe(true);
});

test('no such card, the wrong type, a phone that is not the card’s: said plainly, the phone never shown', async () => {
  const mp = await app.launch(CARD_PAGES.bind, 'resident');
  const bind = mp.currentPage;
  await mp.settled();
  chooseType(bind, '会员卡/车卡');
  await fill(bind, 'number', 'HX9999');
  await fill(bind, 'phone', '13912340001');
  expect(await refusalOfSend(bind)).toBe('该场区没有这张卡，请核对卡号');
  expect(bind.text('.code-button')).toBe('获取验证码');

  // the refusal goes as the form changes, and the next one is about the type
  await fill(bind, 'number', 'HX2001');
  expect(notice(bind)).toBe('');
  expect(await refusalOfSend(bind)).toBe('卡类型与卡号不符，请重新选择');

  chooseType(bind, '储值卡');
  await fill(bind, 'phone', '13900000000');
  expect(await refusalOfSend(bind)).toBe('手机号与该卡登记的手机号不一致');
  expect(bind.text()).not.toContain('13912340001');

  // 鸿锦阁 answers from its own card system, in the same words
  await pickSite(bind, '鸿锦阁');
  await fill(bind, 'number', 'HJ0000');
  expect(await refusalOfSend(bind)).toBe('该场区没有这张卡，请核对卡号');
  expect(await cardsOf(app.cloud, ZHANGWEI)).toEqual([]);
});

test('a card bound by someone else is refused; a wrong code is refused and the right one then binds', async () => {
  await bindDirectly(app.cloud, 'wx-first-owner', DEMO_CARDS.hxAccess);
  const mp = await app.launch(CARD_PAGES.bind, 'resident');
  const bind = mp.currentPage;
  await mp.settled();
  chooseType(bind, '门禁卡');
  await fill(bind, 'number', 'HX3001');
  await fill(bind, 'phone', '13912340002');
  expect(await refusalOfSend(bind)).toBe('该卡已被其他用户绑定');

  const code = await fillCard(app.cloud, bind, DEMO_CARDS.hxStored);
  await fill(bind, 'code', code === '000000' ? '111111' : '000000');
  bind.tap('.submit', '.t-button');
  await waitUntil(() => notice(bind) === '验证码错误', 'the refusal of the code');
  expect(mp.routes).toEqual([CARD_PAGES.bind]);
  expect(await cardsOf(app.cloud, ZHANGWEI)).toEqual([]);

  await fill(bind, 'code', code);
  bind.tap('.submit', '.t-button');
  await mp.waitForPage(CARD_PAGES.detail);
  expect(await cardsOf(app.cloud, ZHANGWEI)).toEqual(['HX2001']);
});

test('the card system down: a plain message and nothing bound; back up, the same code binds', async () => {
  await addHongjinCards(app.cloud, [{ number: 'HJ5501', type: 'access', phone: '13600000001' }]);
  const card = { ...DEMO_CARDS.hjAccess, number: 'HJ5501', phone: '13600000001' };
  const mp = await app.launch(CARD_PAGES.bind, 'resident');
  const bind = mp.currentPage;
  await mp.settled();
  await pickSite(bind, '鸿锦阁');

  await setCardSystemDown(app.cloud, true);
  chooseType(bind, '门禁卡');
  await fill(bind, 'number', card.number);
  await fill(bind, 'phone', card.phone);
  expect(await refusalOfSend(bind)).toBe('卡务系统暂时无法连接，请稍后再试');

  // it went down between the code and 确认绑定
  await setCardSystemDown(app.cloud, false);
  await fill(bind, 'code', await requestCode(app.cloud, bind, card.phone));
  await setCardSystemDown(app.cloud, true);
  bind.tap('.submit', '.t-button');
  await waitUntil(() => notice(bind) === '卡务系统暂时无法连接，请稍后再试', 'the refusal of the bind');
  expect(mp.routes).toEqual([CARD_PAGES.bind]);
  expect(await cardsOf(app.cloud, ZHANGWEI)).toEqual([]);

  await setCardSystemDown(app.cloud, false);
  bind.tap('.submit', '.t-button');
  await mp.waitForPage(CARD_PAGES.detail);
  expect(await cardsOf(app.cloud, ZHANGWEI)).toEqual(['HJ5501']);
});
