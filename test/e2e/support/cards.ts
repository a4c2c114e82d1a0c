/**
 * 自助卡务 in the browser (R9–R12): 我的 → 自助卡务 (我的卡), the bind form filled as a person does — the site the
 * form starts at, a type, the printed number, the card's phone, the SMS code from localcloud's outbox — and what
 * 我的卡 and a card's detail show.
 */
import { CARD_PAGES, PAGES, onceEach } from '../../support/pages';
import { requestCode } from './accounts';
import type { PreviewPhone, RunningPreview } from './preview-app';
import { expectText, normalize } from '../../../preview/driver/wait';

export interface CardToBind {
  /** the site as the form shows it: the form starts at the current site, and these helpers do not change it */
  site: string;
  /** the type as the form labels it */
  typeLabel: string;
  number: string;
  /** the phone registered for the card in the site's card system */
  phone: string;
}

/** 会员卡/车卡 HX1001 in 海信慧园's registry (demo/data.ts). */
export const HX_MEMBER_CARD: CardToBind = {
  site: '海信慧园',
  typeLabel: '会员卡/车卡',
  number: 'HX1001',
  phone: '13912340001',
};

/** 我的 → 自助卡务: 我的卡, once it has loaded. */
export async function openMyCards(phone: PreviewPhone): Promise<void> {
  await phone.openTab(PAGES.mine);
  await phone.tap(PAGES.mine, 'entry-cards');
  await phone.waitForPage(CARD_PAGES.list);
}

/** 我的卡 as the person reads it: each card's type, site, number and balance or plate, without white space. */
export async function shownCards(phone: PreviewPhone): Promise<string[]> {
  await phone.waitForPage(CARD_PAGES.list);
  const cards = phone.node(CARD_PAGES.list, 'card-item');
  await cards.or(phone.node(CARD_PAGES.list, 'cards__empty')).first().waitFor();
  return (await cards.allInnerTexts()).map(normalize);
}

/** The bind form (绑定新卡 on 我的卡): type, number, phone, 获取验证码, the code, 确认绑定; lands on the card's detail. */
export async function bindInBrowser(phone: PreviewPhone, app: RunningPreview, card: CardToBind): Promise<void> {
  await phone.tapButton(CARD_PAGES.list, 'bind-new');
  await phone.waitForPage(CARD_PAGES.bind);
  await expectText(phone.node(CARD_PAGES.bind, 'site-name'), card.site);
  await phone.node(CARD_PAGES.bind, 'type-option').filter({ hasText: card.typeLabel }).tap();
  await phone.node(CARD_PAGES.bind, 'type-option--chosen').filter({ hasText: card.typeLabel }).waitFor();
  await phone.fill(CARD_PAGES.bind, 'field-number', card.number);
  await phone.fill(CARD_PAGES.bind, 'field-phone', card.phone);
  const code = await requestCode(phone, app, CARD_PAGES.bind, card.phone);
  await phone.fill(CARD_PAGES.bind, 'field-code', code);
  await phone.tapButton(CARD_PAGES.bind, 'submit');
  await phone.waitForToast('绑定成功');
  await phone.waitForPage(CARD_PAGES.detail);
  await phone.node(CARD_PAGES.detail, 'card-row').first().waitFor();
}

/** A card's detail, field by field: `{ 卡类型, 卡号, 场区 }` from the card face, then its rows; each field once. */
export async function detailRows(phone: PreviewPhone): Promise<Record<string, string>> {
  const rows = phone.node(CARD_PAGES.detail, 'card-row');
  await rows.first().waitFor();
  const face = async (part: string) => normalize(await phone.node(CARD_PAGES.detail, `card-face__${part}`).innerText());
  const entries: Array<[string, string]> = [
    ['卡类型', await face('type')],
    ['卡号', await face('number')],
    ['场区', await face('site')],
  ];
  for (const row of await rows.all()) {
    const title = await row.locator('.t-cell--t-cell__title-text').innerText();
    const note = await row.locator('.t-cell--t-cell__note').innerText();
    entries.push([normalize(title), note.trim()]);
  }
  return onceEach(entries);
}
