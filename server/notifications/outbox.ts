import type { DeliveryState, NotificationSummary } from '../../miniprogram/core/api/visitor';
import { now } from '../platform/clock';
import { seal } from '../platform/crypto';
import type { TransactionScope } from '../platform/db-types';
import { Repository, type Stored } from '../platform/repository';
import { readInTransaction } from '../platform/transaction';

/**
 * The outbox (X5, ARCHITECTURE principle 6): a notification is written in the same transaction as the state change
 * that causes it, and the timer-triggered `outbox` function delivers it (delivery.ts) — a WeChat subscription
 * message and an SMS — with retries, the SMS sent with every notification (the fallback when WeChat cannot
 * deliver), and a final state per channel.
 */
export interface NewNotification {
  /** fixed by the caller (e.g. `${visitId}:requested:${approverUserId}`), so queueing twice keeps one */
  id: string;
  siteId: string;
  /** what it is about, for the detail page's delivery states */
  subject: { kind: 'visit' | 'residenceApplication' | 'exitSlip'; id: string };
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
    /** the visitor, or the person applying to live at the site (入住申请) */
    visitorName: string;
    hostName: string;
    siteName: string;
    /** ISO times */
    startsAt: string;
    endsAt: string;
    purpose?: string;
    /** a rejection's reason */
    reason?: string;
    /** the house an application (or an exit slip) is for (3栋2单元301) */
    house?: string;
  };
  /** a link (URL Link) that opens the mini-program at `page`, for the SMS to a person who may not have the app */
  link?: string;
}

export const OUTBOX_COLLECTION = 'outbox';
/** The key the phone number is sealed with (AES-256-GCM, security.md: personal data encrypted at rest). */
export const PHONE_KEY = 'NOTIFICATION_PHONE_KEY';

/**
 * A channel's state: the final ones the detail page shows, `queued` while a send is still to come, and `sending`
 * while one run holds the entry and is sending on it — a `sending` found by a later run means the run that wrote
 * it stopped (crashed, timed out) not knowing whether the message left, and it is not sent again (delivery.ts).
 */
export type ChannelState = DeliveryState | 'sending';

/** One `outbox` document. */
export interface OutboxEntry extends Stored, Omit<NewNotification, 'id' | 'phone'> {
  /** the phone, sealed with PHONE_KEY */
  phoneSealed: string;
  /** `pending` while a channel has a send to come; `done` once both are final */
  state: 'pending' | 'done';
  /** when a run may take it next: due now, a retry's backoff, or the end of a run's lease */
  nextAttemptAt: Date;
  /** raised by every claim, so two runs that read the same entry cannot both claim it */
  version: number;
  /** the run holding the entry (its claim's token), until it marks the outcome */
  lease?: string;
  wechat: ChannelState;
  sms: ChannelState;
  /** sends attempted per channel, for the backoff and the retry limit */
  tries: { wechat: number; sms: number };
  /** the last failure per channel (an errcode or the SMS provider's code), for the log and ops */
  lastError?: { wechat?: string; sms?: string };
  createdAt: Date;
  updatedAt: Date;
  /**
   * set when the entry is done: DONE_KEPT_MS later the daily purge (server/platform/purge.ts) removes it, and the
   * visit's detail no longer lists its delivery states
   */
  expiresAt?: Date;
}

/** how long a delivered (or finally failed) notification is kept, for the detail page's delivery states and ops */
export const DONE_KEPT_MS = 30 * 24 * 3600_000;

/**
 * Writes the notification into the outbox inside the caller's transaction, so it exists exactly when the state
 * change that causes it does. Its id is the caller's: a second queueing of the same id (a retried action) finds
 * the first and leaves it as it is — however far its delivery has gone.
 */
export async function queueNotification(scope: TransactionScope, notification: NewNotification): Promise<void> {
  const { id, phone, ...rest } = notification;
  if (!id) throw new Error('a notification needs the id its caller fixes');
  if (!/^1\d{10}$/.test(phone)) throw new Error(`notification ${id}: not a mainland mobile number`);
  if (await readInTransaction(scope, OUTBOX_COLLECTION, id)) return;
  const at = now();
  const entry: Omit<OutboxEntry, '_id'> = {
    ...rest,
    phoneSealed: seal(phone, PHONE_KEY),
    state: 'pending',
    nextAttemptAt: at,
    version: 0,
    // no WeChat identity: no subscription to send to, the SMS alone goes
    wechat: notification.openid ? 'queued' : 'noSubscription',
    sms: 'queued',
    tries: { wechat: 0, sms: 0 },
    createdAt: at,
    updatedAt: at,
  };
  await scope.collection(OUTBOX_COLLECTION).add({ data: { _id: id, ...entry } });
}

/** The delivery states of everything queued about a subject, for its detail page, oldest first. */
export async function notificationsAbout(subject: NewNotification['subject']): Promise<NotificationSummary[]> {
  const entries = await new OutboxRepository().find(
    { 'subject.kind': subject.kind, 'subject.id': subject.id },
    { orderBy: [['createdAt', 'asc']] },
  );
  return entries.map((entry) => ({
    to: entry.to,
    kind: entry.kind,
    wechat: shownState(entry.wechat),
    sms: shownState(entry.sms),
  }));
}

/** A send in flight is, to the person looking, still on its way. */
function shownState(state: ChannelState): DeliveryState {
  return state === 'sending' ? 'queued' : state;
}

export class OutboxRepository extends Repository<OutboxEntry> {
  constructor() {
    super(OUTBOX_COLLECTION);
  }
}
