import { LEASE_MS, RETRY_BACKOFF_MS } from '../../server/notifications/delivery';
import {
  DONE_KEPT_MS,
  notificationsAbout,
  OUTBOX_COLLECTION,
  queueNotification,
  type NewNotification,
  type OutboxEntry,
} from '../../server/notifications/outbox';
import { database } from '../../server/platform/cloud';
import { PURGE_GRACE_MS } from '../../server/platform/purge';
import { useAppCloud } from '../support/app-cloud';
import { advanceClock } from '../support/clock';
import { failSubscribeMessages, queueInTransaction, subscribeMessages } from '../support/outbox';
import { smsCount } from '../support/sms';
import { fireTimer } from '../support/timers';

// The outbox (X5) through localcloud: notifications queued in a transaction as an action queues them, delivered by
// the `outbox` function's timer as the platform fires it, read back from what localcloud "sent".

const cloud = useAppCloud();

let serial = 0;
/** A notification to a person of its own (openid and phone), so each test counts only its own messages. */
function notification(overrides: Partial<NewNotification> = {}): NewNotification {
  serial += 1;
  const n = String(serial).padStart(4, '0');
  return {
    id: `visit-${n}:requested:approver`,
    siteId: 'site-haixin-huiyuan',
    subject: { kind: 'visit', id: `visit-${n}` },
    kind: 'visitRequested',
    to: 'approver',
    openid: `o-outbox-${n}`,
    phone: `1380000${n}`,
    page: `packages/visitors/pages/approval/index?id=visit-${n}`,
    values: {
      visitorName: '王小明',
      hostName: '张伟',
      siteName: '海信慧园',
      startsAt: '2026-12-02T09:00:00+08:00',
      endsAt: '2026-12-02T18:00:00+08:00',
      purpose: '送快递',
    },
    ...overrides,
  };
}

const deliver = () => fireTimer<{ ok: boolean; data?: { claimed: number; done: number } }>(cloud, 'outbox', 'deliver');

async function stored(id: string): Promise<OutboxEntry> {
  return (await database().collection(OUTBOX_COLLECTION).doc(id).get<OutboxEntry>()).data;
}

async function smsTo(phone: string): Promise<{ payload: { templateId: string; params: string[] } }[]> {
  const response = await fetch(`${cloud.lc.url}/_dev/sms?recipient=${phone}`);
  return ((await response.json()) as { messages: { payload: { templateId: string; params: string[] } }[] }).messages;
}

test('a queued notification goes out once as a subscription message opening the booking, and as an SMS', async () => {
  const n = notification();
  await queueInTransaction(cloud, [n]);
  const entry = await stored(n.id);
  expect(entry).toMatchObject({ state: 'pending', wechat: 'queued', sms: 'queued' });
  // the phone is stored sealed, nowhere in the clear
  expect(JSON.stringify(entry)).not.toContain(n.phone);
  expect(entry.phoneSealed).toMatch(/^v1\./);

  expect(await deliver()).toMatchObject({ ok: true, data: { claimed: expect.any(Number) } });

  const [message, ...more] = await subscribeMessages(cloud, n.openid!);
  expect(more).toEqual([]);
  expect(message.payload).toMatchObject({
    templateId: 'localcloud-visitRequested',
    page: n.page,
    status: 'delivered',
    data: {
      name1: { value: '王小明' },
      thing2: { value: '海信慧园' },
      time3: { value: '2026年12月2日 09:00' },
      time4: { value: '2026年12月2日 18:00' },
      thing5: { value: '送快递' },
    },
  });
  const sms = await smsTo(n.phone);
  expect(sms).toHaveLength(1);
  expect(sms[0].payload).toMatchObject({
    templateId: 'localcloud-visitRequested',
    params: ['王小明', '海信慧园', '2026年12月2日 09:00', expect.any(String)],
  });
  expect(await stored(n.id)).toMatchObject({ state: 'done', wechat: 'sent', sms: 'smsSent' });
  expect(await notificationsAbout(n.subject)).toEqual([
    { to: 'approver', kind: 'visitRequested', wechat: 'sent', sms: 'smsSent' },
  ]);

  // the timer fires again: nothing is due, nothing goes twice
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);
  expect(await smsCount(cloud, n.phone)).toBe(1);
});

test('queueing the same id again keeps the first, however far it went', async () => {
  const n = notification();
  await queueInTransaction(cloud, [n]);
  await queueInTransaction(cloud, [{ ...n, page: 'pages/elsewhere/index' }]);
  await deliver();
  await queueInTransaction(cloud, [n]);
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toEqual([expect.objectContaining({ recipient: n.openid })]);
  expect((await subscribeMessages(cloud, n.openid!))[0].payload.page).toBe(n.page);
  expect(await smsCount(cloud, n.phone)).toBe(1);
  expect(await stored(n.id)).toMatchObject({ state: 'done', wechat: 'sent' });
});

test('a transaction that fails queues nothing', async () => {
  const n = notification();
  await expect(
    database().runTransaction(async (tx) => {
      await queueNotification(tx, n);
      throw new Error('the state change failed');
    }),
  ).rejects.toThrow('the state change failed');
  expect((await database().collection(OUTBOX_COLLECTION).where({ _id: n.id }).count()).total).toBe(0);
});

test('a person without WeChat gets the SMS alone', async () => {
  const n = notification({ openid: undefined, kind: 'visitApproved', to: 'visitor' });
  await queueInTransaction(cloud, [n]);
  await deliver();
  expect(await smsCount(cloud, n.phone)).toBe(1);
  expect(await notificationsAbout(n.subject)).toEqual([
    { to: 'visitor', kind: 'visitApproved', wechat: 'noSubscription', sms: 'smsSent' },
  ]);
});

test('a transient WeChat failure (-1) is retried on a later run after its backoff; the SMS goes once', async () => {
  const n = notification();
  await queueInTransaction(cloud, [n]);
  await failSubscribeMessages(cloud, -1);
  await deliver();
  expect(await stored(n.id)).toMatchObject({ state: 'pending', wechat: 'queued', sms: 'smsSent' });
  expect(await notificationsAbout(n.subject)).toEqual([expect.objectContaining({ wechat: 'queued' })]);

  // before the backoff ends, the timer leaves it be
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);

  advanceClock(cloud, RETRY_BACKOFF_MS[0] + 1000);
  await deliver();
  const messages = await subscribeMessages(cloud, n.openid!);
  expect(messages.map((m) => m.payload.status)).toEqual(['failed', 'delivered']);
  expect(await smsCount(cloud, n.phone)).toBe(1);
  expect(await stored(n.id)).toMatchObject({ state: 'done', wechat: 'sent', sms: 'smsSent', tries: { wechat: 2 } });
});

test('WeChat failing every time ends as failed after the last retry, not in a loop', async () => {
  const n = notification();
  await queueInTransaction(cloud, [n]);
  await failSubscribeMessages(cloud, -1, RETRY_BACKOFF_MS.length + 1);
  for (let run = 0; run <= RETRY_BACKOFF_MS.length; run += 1) {
    await deliver();
    advanceClock(cloud, RETRY_BACKOFF_MS[Math.min(run, RETRY_BACKOFF_MS.length - 1)] + 1000);
  }
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(RETRY_BACKOFF_MS.length + 1);
  expect(await stored(n.id)).toMatchObject({ state: 'done', wechat: 'failed', sms: 'smsSent' });
});

test('43101 (no subscription) is final at once: noSubscription, the SMS still goes, no retry', async () => {
  const n = notification({ kind: 'visitRejected', to: 'visitor' });
  await queueInTransaction(cloud, [n]);
  await failSubscribeMessages(cloud, 43101);
  await deliver();
  advanceClock(cloud, RETRY_BACKOFF_MS.at(-1)! + 1000);
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);
  expect(await smsCount(cloud, n.phone)).toBe(1);
  expect(await notificationsAbout(n.subject)).toEqual([
    { to: 'visitor', kind: 'visitRejected', wechat: 'noSubscription', sms: 'smsSent' },
  ]);
});

test('the SMS provider down: the SMS is retried later and sent once, the message is not sent again', async () => {
  const n = notification();
  await queueInTransaction(cloud, [n]);
  await fetch(`${cloud.lc.url}/_dev/sms`, { method: 'POST', body: JSON.stringify({ failNext: 1 }) });
  await deliver();
  expect(await stored(n.id)).toMatchObject({ state: 'pending', wechat: 'sent', sms: 'queued' });
  advanceClock(cloud, RETRY_BACKOFF_MS[0] + 1000);
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);
  expect(await smsCount(cloud, n.phone)).toBe(1);
  expect(await stored(n.id)).toMatchObject({ state: 'done', sms: 'smsSent' });
});

test('values over the platform’s limits are trimmed and delivered, not refused', async () => {
  const n = notification({
    values: {
      visitorName: '欧阳娜娜娜娜娜娜娜娜娜娜',
      hostName: '张伟',
      siteName: '杭州市滨江区江南大道一千零八十八号海信慧园小区',
      startsAt: '2026-12-02T01:00:00Z',
      endsAt: '2026-12-02T10:00:00Z',
      purpose: '参加家庭聚会并且帮忙搬运一些比较重的家具和电器\n以及其他杂物',
    },
  });
  await queueInTransaction(cloud, [n]);
  await deliver();
  const [message] = await subscribeMessages(cloud, n.openid!);
  expect(message.payload.status).toBe('delivered');
  expect(message.payload.data.name1.value).toBe('欧阳娜娜娜娜娜娜娜娜');
  expect([...message.payload.data.thing2.value]).toHaveLength(20);
  expect([...message.payload.data.thing5.value]).toHaveLength(20);
  expect(message.payload.data.time3.value).toBe('2026年12月2日 09:00');
  expect(await stored(n.id)).toMatchObject({ wechat: 'sent', sms: 'smsSent' });
});

test('a run that stops after sending (its mark lost) is not sent again, even after its lease ends', async () => {
  const n = notification();
  await queueInTransaction(cloud, [n]);
  // the claim goes through; the mark after the subscription message is refused, as if the run died there
  await fetch(`${cloud.lc.url}/_dev/faults`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'fail', count: 1, collection: OUTBOX_COLLECTION, op: 'modifyDocument', skip: 1 }),
  });
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);
  expect(await stored(n.id)).toMatchObject({ state: 'pending', wechat: 'sending', sms: 'queued' });

  // within the lease nobody takes it
  await deliver();
  expect(await smsCount(cloud, n.phone)).toBe(0);

  advanceClock(cloud, LEASE_MS + 1000);
  await deliver();
  expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);
  expect(await smsCount(cloud, n.phone)).toBe(1);
  expect(await stored(n.id)).toMatchObject({
    state: 'done',
    wechat: 'failed',
    sms: 'smsSent',
    lastError: { wechat: 'interrupted' },
  });
});

test('timer runs in parallel, round after round, never send one notification twice', async () => {
  for (let round = 0; round < 5; round += 1) {
    const batch = Array.from({ length: 8 }, () => notification());
    await queueInTransaction(cloud, batch);
    const runs = await Promise.all(Array.from({ length: 4 }, () => deliver()));
    expect(runs.every((run) => run.ok)).toBe(true);
    // every entry claimed by exactly one run
    expect(runs.reduce((sum, run) => sum + run.data!.claimed, 0)).toBe(batch.length);
    for (const n of batch) {
      expect(await subscribeMessages(cloud, n.openid!)).toHaveLength(1);
      expect(await smsCount(cloud, n.phone)).toBe(1);
    }
  }
}, 120_000);

test('a finished entry is kept 30 days, then the daily purge removes it; a pending one stays', async () => {
  const done = notification();
  await queueInTransaction(cloud, [done]);
  await deliver();
  const finished = await stored(done.id);
  expect(finished.state).toBe('done');
  expect(new Date(finished.expiresAt!).getTime() - cloud.lc.clock.now()).toBeGreaterThan(DONE_KEPT_MS - 60_000);
  const pending = notification();
  await queueInTransaction(cloud, [pending]);
  expect((await stored(pending.id)).expiresAt).toBeUndefined();

  advanceClock(cloud, DONE_KEPT_MS - 3600_000);
  await cloud.lc.timers.fire('admin', 'purge');
  expect(cloud.lc.db.find(OUTBOX_COLLECTION, { _id: done.id }, {})).toHaveLength(1);
  advanceClock(cloud, PURGE_GRACE_MS + 2 * 3600_000);
  await cloud.lc.timers.fire('admin', 'purge');
  expect(cloud.lc.db.find(OUTBOX_COLLECTION, { _id: done.id }, {})).toHaveLength(0);
  expect(cloud.lc.db.find(OUTBOX_COLLECTION, { _id: pending.id }, {})).toHaveLength(1);
});
