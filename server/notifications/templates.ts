import { AppError } from '../platform/errors';
import { requiredSetting } from '../platform/secrets';
import type { NewNotification } from './outbox';
import { shanghaiTime, shorten, templateData } from './template-values';

/**
 * What each notification says, on each channel (docs/deploy.md lists the templates to apply for).
 *
 * Subscription messages: a template id per kind from `SUBSCRIBE_TEMPLATES`, a JSON object of the environment
 * (`{"visitRequested":"…","visitApproved":"…","visitRejected":"…","visitInvited":"…","residenceApplied":"…",
 * "exitSlipApplied":"…","exitSlipApproved":"…","exitSlipRejected":"…"}`), since each mini-program
 * applies for its own templates; under localcloud each defaults to `localcloud-<kind>`. The keywords below are
 * the ones the templates are chosen with, their types fixing what a value may hold (template-values.ts).
 *
 * SMS: one Tencent Cloud SMS template per kind (`SMS_TEMPLATE_VISIT_REQUESTED`, …), each taking the same four
 * parameters — {1} visitor (or inviting resident, or applicant), {2} site, {3} when, {4} where to look.
 */
export type NotificationKind = NewNotification['kind'];
type Values = NewNotification['values'];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'visitRequested',
  'visitApproved',
  'visitRejected',
  'visitInvited',
  'residenceApplied',
  'exitSlipApplied',
  'exitSlipApproved',
  'exitSlipRejected',
];

/** Each kind's keywords, filled from the notification's values (fitted to the platform's limits afterwards). */
const KEYWORDS: Record<NotificationKind, (values: Values) => Record<string, string>> = {
  // 新的访客预约 → the approver: 访客姓名, 访问小区, 到访时间, 离开时间, 来访目的
  visitRequested: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    time3: shanghaiTime(v.startsAt),
    time4: shanghaiTime(v.endsAt),
    thing5: v.purpose ?? '',
  }),
  // 预约审核结果 → the visitor: 访客姓名, 访问小区, 到访时间, 离开时间, 审核结果
  visitApproved: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    time3: shanghaiTime(v.startsAt),
    time4: shanghaiTime(v.endsAt),
    phrase5: '已通过',
  }),
  // 预约审核结果 → the visitor: 访客姓名, 访问小区, 到访时间, 审核结果, 备注 (the reason)
  visitRejected: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    time3: shanghaiTime(v.startsAt),
    phrase4: '未通过',
    thing5: v.reason ?? '',
  }),
  // 访客邀请 → the visitor: 邀请人, 访问小区, 到访时间, 离开时间, 来访目的
  visitInvited: (v) => ({
    name1: v.hostName,
    thing2: v.siteName,
    time3: shanghaiTime(v.startsAt),
    time4: shanghaiTime(v.endsAt),
    thing5: v.purpose ?? '',
  }),
  // 入住申请提醒 → the site's administrators: 申请人, 小区, 房屋, 申请时间
  residenceApplied: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    thing3: v.house ?? '',
    time4: shanghaiTime(v.startsAt),
  }),
  // 出门条申请提醒 → the site's administrators: 申请人, 小区, 房屋, 出门日期
  exitSlipApplied: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    thing3: v.house ?? '',
    time4: shanghaiTime(v.startsAt),
  }),
  // 出门条审核结果 → the applicant: 申请人, 小区, 出门日期, 审核结果
  exitSlipApproved: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    time3: shanghaiTime(v.startsAt),
    phrase4: '已通过',
  }),
  // 出门条审核结果 → the applicant: 申请人, 小区, 出门日期, 审核结果, 备注 (the reason)
  exitSlipRejected: (v) => ({
    name1: v.visitorName,
    thing2: v.siteName,
    time3: shanghaiTime(v.startsAt),
    phrase4: '未通过',
    thing5: v.reason ?? '',
  }),
};

/** The subscription message's template id and `data`, every value within its keyword's limits. */
export function subscribeMessageOf(
  kind: NotificationKind,
  values: Values,
): { templateId: string; data: Record<string, { value: string }> } {
  return { templateId: subscribeTemplateIds()[kind], data: templateData(KEYWORDS[kind](values)) };
}

/** The configured template ids; a missing or malformed setting is a configuration error, said in the log. */
export function subscribeTemplateIds(): Record<NotificationKind, string> {
  const localDefaults = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, `localcloud-${kind}`]));
  const raw = requiredSetting('SUBSCRIBE_TEMPLATES', JSON.stringify(localDefaults));
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const ids = parsed as Record<string, unknown> | undefined;
  const missing = NOTIFICATION_KINDS.filter((kind) => typeof ids?.[kind] !== 'string' || ids[kind] === '');
  if (missing.length > 0) {
    console.error(`[config] SUBSCRIBE_TEMPLATES names no template id for ${missing.join(', ')}`);
    throw new AppError('INTERNAL');
  }
  return ids as Record<NotificationKind, string>;
}

export const SMS_TEMPLATE_VARIABLES: Record<NotificationKind, string> = {
  visitRequested: 'SMS_TEMPLATE_VISIT_REQUESTED',
  visitApproved: 'SMS_TEMPLATE_VISIT_APPROVED',
  visitRejected: 'SMS_TEMPLATE_VISIT_REJECTED',
  visitInvited: 'SMS_TEMPLATE_VISIT_INVITED',
  residenceApplied: 'SMS_TEMPLATE_RESIDENCE_APPLIED',
  exitSlipApplied: 'SMS_TEMPLATE_EXIT_SLIP_APPLIED',
  exitSlipApproved: 'SMS_TEMPLATE_EXIT_SLIP_APPROVED',
  exitSlipRejected: 'SMS_TEMPLATE_EXIT_SLIP_REJECTED',
};

/**
 * A variable of an SMS template holds a limited number of characters (Tencent Cloud checks each against the type
 * it was approved with); 20 is within the limit of every type these templates use.
 */
export const SMS_PARAM_MAX = 20;
/** {4} without a link: where to find the booking */
const SMS_NO_LINK = '微信小程序“通行”';

/** The SMS template's parameters, in template order. */
export function smsParamsOf(notification: Pick<NewNotification, 'kind' | 'values' | 'link'>): string[] {
  const { kind, values, link } = notification;
  const who = kind === 'visitInvited' ? values.hostName : values.visitorName;
  const params = [who, values.siteName, shanghaiTime(values.startsAt)].map((p) => shorten(p, SMS_PARAM_MAX, '…'));
  // a link cut short opens nothing: it goes whole or not at all
  return [...params, link ?? SMS_NO_LINK];
}
