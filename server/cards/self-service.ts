import type { CardIdentity } from '../../miniprogram/core/api/card';
import { consumeCode, sendCode } from '../accounts/sms-codes';
import { AppError } from '../platform/errors';
import { requestToken } from '../platform/idempotency';
import type { ActionContext } from '../platform/router';
import { SiteRepository, type Site } from '../sites/site';
import { CardBindings, cardView } from './bindings';
import { checkCardPhone } from './phone-guesses';
import { CardSystemDown, findCard, type CardRecord } from './registry';

/**
 * 自助卡务 (R9–R12): bind a card of the site's card system to the caller after proving, by an SMS
 * code to the phone the card system has for it, that it is theirs; list and see their cards
 * (refreshed from the card system, marked stale when it is down); unbind.
 */

/** 获取验证码 for binding: the card checked first, then a code to the phone the card system has for it. */
export async function sendCardCode(context: ActionContext, input: CardIdentity) {
  await checkCard(context, input);
  return sendCode(input.phone, 'cardBinding', {
    openid: context.caller.openid,
    clientIp: context.caller.clientIp,
    now: context.now,
  });
}

/** 绑定 (R10): the card, proven by the code, becomes the caller's; a retry answers with the card it bound. */
export async function bindCard(context: ActionContext, input: CardIdentity & { code: string }) {
  const { site, card } = await checkCard(context, input);
  await consumeCode(input.phone, 'cardBinding', input.code, context.now, requestToken('card.bind', context));
  const user = await context.user();
  return { card: cardView(await new CardBindings().bind(user._id, site, card, context.now), false) };
}

/** 我的卡 (R11): the caller's cards, newest first, as they were last seen. */
export async function listCards(context: ActionContext) {
  const user = await context.user();
  const bindings = await new CardBindings().find({ userId: user._id }, { orderBy: [['boundAt', 'desc']] });
  return { cards: bindings.map((b) => cardView(b, false)) };
}

/** One of the caller's cards, refreshed from the card system (marked stale when it does not answer). */
export async function cardDetail(context: ActionContext, { cardId }: { cardId: string }) {
  const user = await context.user();
  const bindings = new CardBindings();
  const binding = await bindings.get(cardId);
  if (!binding || binding.userId !== user._id) throw new AppError('NOT_FOUND', '没有找到这张卡');
  const site = await new SiteRepository().get(binding.siteId);
  let fresh: CardRecord | null;
  try {
    fresh = site ? await findCard(site, binding.number) : null;
  } catch (error) {
    if (error instanceof CardSystemDown) return { card: cardView(binding, true) };
    throw error;
  }
  if (!fresh) return { card: cardView(binding, true) };
  const { phone: _phone, number: _number, type: _type, ...details } = fresh;
  await bindings.update(binding._id, { details: bindings.command().set(details), checkedAt: context.now });
  return { card: cardView({ ...binding, details, checkedAt: context.now }, false) };
}

/** 解绑 (R12): the card is no longer the caller's; a retry finds it already done. */
export async function unbindCard(context: ActionContext, { cardId }: { cardId: string }) {
  const user = await context.user();
  await new CardBindings().unbind(user._id, cardId, context.now, requestToken('card.unbind', context));
  return { unbound: true as const };
}

/**
 * The card exists at the site, is of the type chosen, is registered to the phone given (a limited
 * number of guesses a day: server/cards/phone-guesses.ts), and is not someone else's — each
 * refusal in plain words, none of them revealing the card's phone.
 */
async function checkCard(
  context: ActionContext,
  input: Omit<CardIdentity, 'phone'> & { phone: string },
): Promise<{ site: Site; card: CardRecord }> {
  const site = await new SiteRepository().get(input.siteId);
  if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
  const card = await findCard(site, input.number);
  if (!card) throw new AppError('NOT_FOUND', '该场区没有这张卡，请核对卡号');
  if (card.type !== input.type) throw new AppError('INVALID_ARGUMENT', '卡类型与卡号不符，请重新选择');
  await checkCardPhone(context.caller.openid, { siteId: site._id, ...card }, input.phone, context.now);
  const holder = await new CardBindings().get(CardBindings.idOf(site._id, card.number));
  const user = await context.user();
  if (holder && holder.userId !== user._id) throw new AppError('CONFLICT', '该卡已被其他用户绑定');
  return { site, card };
}
