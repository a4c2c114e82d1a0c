import { queueNotification, type NewNotification } from '../../server/notifications/outbox';
import { database } from '../../server/platform/cloud';
import type { AppCloud } from './app-cloud';
import { sdkFor } from './sdk';

/**
 * The outbox as the tests drive it: notifications queued the way an action queues them (inside a transaction, from
 * this process through the real SDK), the platform's timer fired through the gateway, and what was "sent" read
 * back from localcloud's dev outbox.
 */

/**
 * Queues the notifications in one transaction, as an action does with its state change. The SDK in this process
 * points at `cloud`, and `LOCALCLOUD_URL` gives it localcloud's development secrets — the ones the functions
 * there use — so a phone sealed here opens in the `outbox` function.
 */
export async function queueInTransaction(cloud: AppCloud, notifications: NewNotification[]): Promise<void> {
  sdkFor(cloud.lc);
  process.env.LOCALCLOUD_URL = cloud.lc.url;
  await database().runTransaction(async (tx) => {
    for (const notification of notifications) await queueNotification(tx, notification);
  });
}

/** One subscription message as localcloud recorded it (`/_dev/outbox`, kind `subscribeMessage`). */
export interface SentSubscribeMessage {
  recipient: string;
  payload: {
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
    status: 'delivered' | 'failed';
    errcode: number;
  };
}

/** The subscription messages localcloud accepted for `openid` (delivered or failed), oldest first. */
export async function subscribeMessages(cloud: AppCloud, openid: string): Promise<SentSubscribeMessage[]> {
  const response = await fetch(`${cloud.lc.url}/_dev/outbox?kind=subscribeMessage&recipient=${openid}`);
  return ((await response.json()) as { messages: SentSubscribeMessage[] }).messages;
}

/** The next `times` subscription-message sends fail with `errcode` (`/_dev/openapi`). */
export async function failSubscribeMessages(cloud: AppCloud, errcode: number, times = 1): Promise<void> {
  const response = await fetch(`${cloud.lc.url}/_dev/openapi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errcode, times, apiName: 'subscribeMessage.send' }),
  });
  if (!response.ok) throw new Error(`/_dev/openapi answered ${response.status}`);
}
