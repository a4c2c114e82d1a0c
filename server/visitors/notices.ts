import { VISITOR_PAGES, type NotificationSummary } from '../../miniprogram/core/api/visitor';
import * as outbox from '../notifications/outbox';
import type { TransactionScope } from '../platform/db-types';
import type { User } from '../people/users';
import type { VisitDocument } from './visits';

/**
 * What a visit tells whom (R15, R16): written to the outbox in the same transaction as the change that causes it; the
 * `outbox` function delivers them. Each notification's id is fixed by the visit, the event and the person, so a
 * retried transaction (or a retried action) queues it once.
 */

type Kind = NotificationSummary['kind'];

function values(visit: VisitDocument, reason?: string) {
  return {
    visitorName: visit.visitor.name,
    hostName: visit.host.name,
    siteName: visit.siteName,
    startsAt: visit.startsAt.toISOString(),
    endsAt: visit.endsAt.toISOString(),
    purpose: visit.purpose,
    ...(reason ? { reason } : {}),
  };
}

/** 新的访客预约, to each approver who can be reached (a WeChat identity or an account phone). */
export async function notifyApprovers(tx: TransactionScope, visit: VisitDocument, approvers: User[]): Promise<void> {
  const page = `${VISITOR_PAGES.approval}?id=${visit._id}`;
  for (const approver of approvers) {
    if (!approver.phone) continue;
    await outbox.queueNotification(tx, {
      id: `${visit._id}:requested:${approver._id}`,
      siteId: visit.siteId,
      subject: { kind: 'visit', id: visit._id },
      kind: 'visitRequested',
      to: 'approver',
      ...(approver.openid ? { openid: approver.openid } : {}),
      phone: approver.phone,
      page,
      values: values(visit),
    });
  }
}

/**
 * 预约已通过 / 预约未通过 / 访客邀请, to the visitor: WeChat when they have used the app, and always the SMS, with the
 * URL Link to the visit (link.ts: made by the caller before its transaction; absent when it could not be made).
 */
export async function notifyVisitor(
  tx: TransactionScope,
  visit: VisitDocument,
  kind: Exclude<Kind, 'visitRequested'>,
  visitorOpenid: string | undefined,
  link: string | undefined,
  reason?: string,
): Promise<void> {
  const page = `${VISITOR_PAGES.visit}?id=${visit._id}`;
  await outbox.queueNotification(tx, {
    id: `${visit._id}:${kind}`,
    siteId: visit.siteId,
    subject: { kind: 'visit', id: visit._id },
    kind,
    to: 'visitor',
    ...(visitorOpenid ? { openid: visitorOpenid } : {}),
    phone: visit.visitor.phone,
    page,
    values: values(visit, reason),
    ...(link ? { link } : {}),
  });
}

/** The delivery states of a visit's notifications, for its detail. */
export async function visitNotifications(visitId: string): Promise<NotificationSummary[]> {
  return outbox.notificationsAbout({ kind: 'visit', id: visitId });
}
