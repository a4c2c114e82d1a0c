import type { NotificationSummary } from '../../miniprogram/core/api/visitor';
import type { TransactionScope } from '../platform/db-types';

/**
 * The outbox (X5, ARCHITECTURE principle 6): a notification is written in the same transaction as the state change
 * that causes it, and the timer-triggered `outbox` function delivers it — a WeChat subscription message and an SMS —
 * with retries, the SMS as the fallback when WeChat cannot deliver, and a final state per channel.
 *
 * CONTRACT (the visitor journey writes through `queueNotification`; delivery lives beside it). To be implemented.
 */
export interface NewNotification {
  /** fixed by the caller (e.g. `${visitId}:requested:${approverUserId}`), so queueing twice keeps one */
  id: string;
  siteId: string;
  /** what it is about, for the detail page's delivery states */
  subject: { kind: 'visit'; id: string };
  kind: NotificationSummary['kind'];
  to: NotificationSummary['to'];
  /** the WeChat user to message, when the person has one; without it only the SMS goes */
  openid?: string;
  /** where the SMS goes (plain; the outbox stores it sealed) */
  phone: string;
  /** the mini-program page the subscription message opens, e.g. `packages/visitors/pages/approval/index?id=…` */
  page: string;
  /** the message's values by meaning; the outbox maps them onto the template's keys and the platform's limits */
  values: {
    visitorName: string;
    hostName: string;
    siteName: string;
    /** ISO times */
    startsAt: string;
    endsAt: string;
    purpose?: string;
    /** a rejection's reason */
    reason?: string;
  };
  /** a link (URL Link) that opens the mini-program at `page`, for the SMS to a person who may not have the app */
  link?: string;
}

export declare function queueNotification(scope: TransactionScope, notification: NewNotification): Promise<void>;

/** The delivery states of everything queued about a subject, for its detail page. */
export declare function notificationsAbout(subject: NewNotification['subject']): Promise<NotificationSummary[]>;
