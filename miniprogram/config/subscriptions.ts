/**
 * WeChat subscription-message templates (订阅消息) of the visitor journey: the ids the AppID's 订阅消息 console gives
 * each template (docs/deploy.md lists their fields). The property replaces the FILL-IN- values; until then
 * `wx.requestSubscribeMessage` refuses the ids and the pages carry on without a subscription — the SMS still goes.
 * A one-time subscription allows one message per acceptance, so each is asked for at the tap that precedes it.
 */
export const SUBSCRIPTION_TEMPLATES = {
  /** 新的访客预约: to an approver; asked for when an approver decides one (for the next booking) */
  visitRequested: 'FILL-IN-visit-requested-template-id',
  /** 预约已通过 / 预约未通过: to the visitor; asked for when booking */
  visitApproved: 'FILL-IN-visit-approved-template-id',
  visitRejected: 'FILL-IN-visit-rejected-template-id',
} as const;

export type SubscriptionKind = keyof typeof SUBSCRIPTION_TEMPLATES;
