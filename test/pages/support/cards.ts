/**
 * Helpers for the 自助卡务 pages (packages/cards): fill the bind form as a person does (site from the sheet, type,
 * number, phone, the SMS code from localcloud's outbox), read 我的卡 and a card's detail, and drive 鸿锦阁's card
 * system (localcloud's stand-in): add cards to it, take it down.
 */
import { randomUUID } from 'node:crypto';
import type { CardType, CardView } from '../../../miniprogram/core/api/card';
import type { Envelope } from '../../../miniprogram/core/envelope';
import type { AppCloud } from '../../support/app-cloud';
import { HJ, HX } from '../../support/fixtures';
import { CARD_PAGES, onceEach } from '../../support/pages';
import { smsCode, smsCount } from '../../support/sms';
import { fill, requestCode } from './account';
import type { MiniProgram } from './mini-program';
import { readableText, type AnyNode, type PageDriver } from './page-driver';
import { waitUntil } from './wait';

export interface DemoCard {
  siteId: string;
  site: string;
  type: CardType;
  /** as the form shows the type */
  typeLabel: string;
  number: string;
  phone: string;
}

/** The demo cards: 海信慧园's in the embedded registry, 鸿锦阁's in its own card system. */
export const DEMO_CARDS = {
  hxMember: {
    siteId: HX,
    site: '海信慧园',
    type: 'member',
    typeLabel: '会员卡/车卡',
    number: 'HX1001',
    phone: '13912340001',
  },
  hxStored: {
    siteId: HX,
    site: '海信慧园',
    type: 'stored',
    typeLabel: '储值卡',
    number: 'HX2001',
    phone: '13912340001',
  },
  hxAccess: {
    siteId: HX,
    site: '海信慧园',
    type: 'access',
    typeLabel: '门禁卡',
    number: 'HX3001',
    phone: '13912340002',
  },
  hjMember: {
    siteId: HJ,
    site: '鸿锦阁',
    type: 'member',
    typeLabel: '会员卡/车卡',
    number: 'HJ8801',
    phone: '13912340003',
  },
  hjStored: { siteId: HJ, site: '鸿锦阁', type: 'stored', typeLabel: '储值卡', number: 'HJ6601', phone: '13912340003' },
  hjAccess: { siteId: HJ, site: '鸿锦阁', type: 'access', typeLabel: '门禁卡', number: 'HJ7701', phone: '13912340004' },
} satisfies Record<string, DemoCard>;

/** Adds (or changes) cards in 鸿锦阁's card system. */
export async function addHongjinCards(
  cloud: AppCloud,
  cards: Array<{ number: string; type: CardType; phone: string } & Record<string, unknown>>,
): Promise<void> {
  await postCardSystem(cloud, { siteId: HJ, cards });
}

/** Takes 鸿锦阁's card system down (no answer but 503), or brings it back. */
export async function setCardSystemDown(cloud: AppCloud, down: boolean): Promise<void> {
  await postCardSystem(cloud, { down });
}

async function postCardSystem(cloud: AppCloud, body: object): Promise<void> {
  const response = await fetch(`${cloud.lc.url}/_dev/cards`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`/_dev/cards answered ${response.status}: ${await response.text()}`);
}

/** Binds a card straight through the function (sendCode, the SMS code, bind), for tests about what comes after. */
export async function bindDirectly(cloud: AppCloud, openid: string, card: DemoCard): Promise<CardView> {
  const identity = { siteId: card.siteId, type: card.type, number: card.number, phone: card.phone };
  const ask = async <T>(event: Record<string, unknown>): Promise<T> => {
    const answer = await cloud.call<Envelope<T>>('card', { requestId: randomUUID(), ...identity, ...event }, openid);
    if (!answer.ok) throw new Error(`card.${String(event.action)}: ${answer.code} ${answer.message}`);
    return answer.data;
  };
  const sent = await smsCount(cloud, card.phone);
  await ask({ action: 'sendCode' });
  const code = await smsCode(cloud, card.phone, sent);
  return (await ask<{ card: CardView }>({ action: 'bind', code })).card;
}

/** The cards bound to `openid`, as the function lists them. */
export async function cardsOf(cloud: AppCloud, openid: string): Promise<string[]> {
  const answer = await cloud.call<Envelope<{ cards: CardView[] }>>('card', { action: 'list' }, openid);
  if (!answer.ok) throw new Error(`card.list: ${answer.code} ${answer.message}`);
  return answer.data.cards.map((card) => card.number);
}

/** The site the bind form shows ('请选择场区' when none). */
export function formSite(bind: PageDriver): string {
  return bind.text('.site-name');
}

/** What 场区 or 卡类型 says under it (a rule it breaks), or ''. */
export function choiceTip(bind: PageDriver, field: 'site' | 'type'): string {
  return bind.has(`.${field}-tips`) ? bind.text(`.${field}-tips`) : '';
}

/** The sites the sheet lists now, as nodes. */
export function sheetSites(bind: PageDriver): AnyNode[] {
  return bind.find('.site-sheet')?.querySelectorAll('.site-option') ?? [];
}

/** Opens the site sheet, searches for `name` and taps it. */
export async function pickSite(bind: PageDriver, name: string): Promise<void> {
  bind.tap('.field-site');
  await waitUntil(() => sheetSites(bind).length > 0, 'the sites in the sheet');
  bind.type(name, '.site-sheet', '.site-picker-search', '.t-input__keyword');
  const option = await waitUntil(
    () => sheetSites(bind).find((cell) => readableText(cell, '.t-cell__title-text') === name),
    `${name} in the sheet`,
  );
  bind.tap(option, '.t-cell');
  await waitUntil(() => formSite(bind) === name, `${name} on the form`);
}

/** Taps a card type on the form, by its label. */
export function chooseType(bind: PageDriver, label: string): void {
  const option = bind.findAll('.type-option').find((node) => readableText(node) === label);
  if (!option) throw new Error(`no card type ${label}`);
  bind.tap(option);
}

/** The card type chosen on the form, by its label ('' for none). */
export function chosenType(bind: PageDriver): string {
  return bind.has('.type-option--chosen') ? bind.text('.type-option--chosen') : '';
}

/** Type, number and phone (the site is left as the form has it), then 获取验证码; returns the SMS code. */
export async function fillCard(
  cloud: AppCloud,
  bind: PageDriver,
  card: Pick<DemoCard, 'typeLabel' | 'number' | 'phone'>,
): Promise<string> {
  chooseType(bind, card.typeLabel);
  await fill(bind, 'number', card.number);
  await fill(bind, 'phone', card.phone);
  return requestCode(cloud, bind, card.phone);
}

/**
 * The whole form for a demo card: its site (picked in the sheet unless the form shows it already), type, number,
 * phone, 获取验证码, the code, 确认绑定; resolves on the card's detail.
 */
export async function bindThroughPage(cloud: AppCloud, mp: MiniProgram, card: DemoCard): Promise<PageDriver> {
  const bind = await mp.waitForPage(CARD_PAGES.bind);
  await mp.settled();
  if (formSite(bind) !== card.site) await pickSite(bind, card.site);
  await fill(bind, 'code', await fillCard(cloud, bind, card));
  bind.tap('.submit', '.t-button');
  const detail = await mp.waitForPage(CARD_PAGES.detail);
  await waitUntil(() => detail.has('.card-row'), 'the card');
  return detail;
}

/** 我的卡 as the person reads it: each card's type, site, number and balance or plate. */
export async function shownCards(mp: MiniProgram): Promise<string[]> {
  const list = await mp.waitForPage(CARD_PAGES.list);
  await mp.settled();
  await waitUntil(() => list.has('.card-item') || list.has('.cards__empty'), '我的卡');
  return list.findAll('.card-item').map((card) => readableText(card));
}

/** Taps the card with `number` in 我的卡. */
export function openCard(list: PageDriver, number: string): void {
  const card = list.findAll('.card-item').find((node) => readableText(node).includes(number));
  if (!card) throw new Error(`${number} is not in 我的卡`);
  list.tap(card);
}

/**
 * A card's detail, field by field: `{ 卡类型, 卡号, 场区 }` from the card face, then the rows under it (`{ 余额, … }`).
 * Throws when a field is shown twice (on the face and in a row, or in two rows).
 */
export function detailRows(detail: PageDriver): Record<string, string> {
  const rows = detail
    .findAll('.card-row')
    .map((row) => [readableText(row, '.t-cell__title-text'), readableText(row, '.t-cell__note')] as const);
  return onceEach([
    ['卡类型', detail.text('.card-face__type')],
    ['卡号', detail.text('.card-face__number')],
    ['场区', detail.text('.card-face__site')],
    ...rows,
  ]);
}
