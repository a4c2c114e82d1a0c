/**
 * `wx.requestSubscribeMessage` at the tap that precedes a notification (R15, R16): the person answers WeChat's own
 * sheet. Whatever they answer, or when the client cannot ask (an old client, placeholder template ids), the tap goes
 * on: the function sends an SMS either way, and the booking's detail says which of the two arrived.
 */
import { SUBSCRIPTION_TEMPLATES, type SubscriptionKind } from '../config/subscriptions';

export async function askSubscriptions(kinds: SubscriptionKind[]): Promise<void> {
  if (typeof wx.requestSubscribeMessage !== 'function') return;
  const tmplIds = kinds.map((kind) => SUBSCRIPTION_TEMPLATES[kind]);
  try {
    await wx.requestSubscribeMessage({ tmplIds } as WechatMiniprogram.RequestSubscribeMessageOption);
  } catch {
    // refused or cancelled: the SMS still goes
  }
}
