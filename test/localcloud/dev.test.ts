import type { Database } from '../../server/platform/db-types';
import { useTestCloud, type TestCloud } from './harness';

// The /_dev endpoints: clock, faults, outbox, status.

let lc: TestCloud;
let db: Database;

useTestCloud((started) => {
  ({ lc, db } = started);
});

const post = (path: string, body: unknown) =>
  fetch(`${lc.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The time the database writes for `db.serverDate()`: a document written and read back. */
async function serverDateNow(): Promise<Date> {
  const { _id } = await db.collection('t').add({ data: { at: db.serverDate() } });
  return (
    await db
      .collection('t')
      .doc(_id as string)
      .get<{ at: Date }>()
  ).data.at;
}

test('POST /_dev/clock moves the time serverDate sees, and resets', async () => {
  const res = await post('/_dev/clock', { at: '2030-02-01T15:59:30Z' });
  expect(res.status).toBe(200);
  expect(Math.abs((await serverDateNow()).getTime() - Date.parse('2030-02-01T15:59:30Z'))).toBeLessThan(5_000);

  await post('/_dev/clock', { advanceMs: 60_000 });
  expect(Math.abs(lc.clock.now() - Date.parse('2030-02-01T16:00:30Z'))).toBeLessThan(5_000);

  const reset = (await (await post('/_dev/clock', {})).json()) as { offsetMs: number };
  expect(reset.offsetMs).toBe(0);
});

test('POST /_dev/clock with "frozen": the clock stands still at one moment, then runs on from it', async () => {
  const at = Date.parse('2030-02-01T09:00:00+08:00');
  const res = await post('/_dev/clock', { at: '2030-02-01T09:00:00+08:00', frozen: true });
  expect(await res.json()).toMatchObject({ now: new Date(at).toISOString(), frozen: true });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await serverDateNow()).getTime()).toBe(at);
  // a frozen clock still moves when told to, and stays frozen
  await post('/_dev/clock', { advanceMs: 2_000 });
  expect(lc.clock.now()).toBe(at + 2_000);

  await post('/_dev/clock', { frozen: false });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lc.clock.now()).toBeGreaterThan(at + 2_000);
  expect(lc.clock.now()).toBeLessThan(at + 7_000);
  expect(await (await post('/_dev/clock', {})).json()).toMatchObject({ offsetMs: 0, frozen: false });
});

test('POST /_dev/clock refuses nonsense', async () => {
  expect((await post('/_dev/clock', { at: 'next tuesday' })).status).toBe(400);
  expect((await post('/_dev/clock', { offsetMs: 'lots' })).status).toBe(400);
  expect((await post('/_dev/clock', { frozen: 'yes' })).status).toBe(400);
  expect(lc.clock.offsetMs()).toBe(0);
});

test('a "fail" fault refuses the next call, then the database answers again', async () => {
  await post('/_dev/faults', { mode: 'fail', count: 1, collection: 't' });
  await expect(db.collection('t').count()).rejects.toMatchObject({ errCode: -502001 });
  expect((await db.collection('t').count()).total).toBeGreaterThanOrEqual(1);
});

test('a "failAfterWrite" fault keeps the write but loses the answer', async () => {
  await post('/_dev/faults', { mode: 'failAfterWrite', count: 1 });
  await expect(db.collection('t').add({ data: { _id: 'lost-answer' } })).rejects.toBeTruthy();
  expect((await db.collection('t').doc('lost-answer').get()).data).toEqual({ _id: 'lost-answer' });
});

test('"op" and "skip" aim a fault at one chosen call: the second update of a collection loses its answer', async () => {
  await db.collection('t').add({ data: { _id: 'aimed', n: 0 } });
  await post('/_dev/faults', { mode: 'failAfterWrite', count: 1, collection: 't', op: 'modifyDocument', skip: 1 });
  const bump = () =>
    db
      .collection('t')
      .doc('aimed')
      .update({ data: { n: db.command.inc(1) } });
  // reads and the first update pass; the second update is applied but its answer is lost
  expect((await db.collection('t').doc('aimed').get()).data).toMatchObject({ n: 0 });
  await bump();
  await expect(bump()).rejects.toMatchObject({ errMsg: expect.stringContaining('reply lost') });
  await bump();
  expect((await db.collection('t').doc('aimed').get()).data).toMatchObject({ n: 3 });
  const pending = (await (await fetch(`${lc.url}/_dev/faults`)).json()) as { pending: unknown[] };
  expect(pending.pending).toEqual([]);
});

test('a "slow" fault delays the next call', async () => {
  await post('/_dev/faults', { mode: 'slow', count: 1, delayMs: 300 });
  const started = Date.now();
  await db.collection('t').count();
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('bad fault specs are refused and nothing is queued', async () => {
  expect((await post('/_dev/faults', { mode: 'explode' })).status).toBe(400);
  expect((await post('/_dev/faults', { mode: 'fail', count: 0 })).status).toBe(400);
  expect((await post('/_dev/faults', { mode: 'slow', count: 1 })).status).toBe(400);
  expect((await post('/_dev/faults', { mode: 'fail', count: 1, skip: -1 })).status).toBe(400);
  expect((await post('/_dev/faults', { mode: 'fail', count: 1, op: 'database.drop everything' })).status).toBe(400);
  const pending = (await (await fetch(`${lc.url}/_dev/faults`)).json()) as { pending: unknown[] };
  expect(pending.pending).toEqual([]);
});

test('GET /_dev/outbox filters by kind and recipient', async () => {
  lc.outbox.record('sms', '13800000001', { text: 'code 123456' });
  lc.outbox.record('subscribeMessage', 'openid-a', { templateId: 'x' });
  const res = await fetch(`${lc.url}/_dev/outbox?kind=sms&recipient=13800000001`);
  const body = (await res.json()) as { messages: Array<{ kind: string; recipient: string }> };
  expect(body.messages).toEqual([expect.objectContaining({ kind: 'sms', recipient: '13800000001' })]);
});

test('GET /_dev/sms lists the SMS sent, to one recipient when asked', async () => {
  lc.outbox.record('sms', '13800000002', { params: ['111111'] });
  lc.outbox.record('sms', '13800000003', { params: ['222222'] });
  const res = await fetch(`${lc.url}/_dev/sms?recipient=13800000003`);
  const { messages } = (await res.json()) as { messages: Array<{ kind: string; recipient: string; payload: unknown }> };
  expect(messages).toEqual([
    expect.objectContaining({ kind: 'sms', recipient: '13800000003', payload: { params: ['222222'] } }),
  ]);
});

test('the status page lists collections with counts', async () => {
  const html = await (await fetch(`${lc.url}/`)).text();
  expect(html).toContain('localcloud');
  expect(html).toMatch(/<td>passes<\/td><td>\d+<\/td>/);
  const json = (await (await fetch(`${lc.url}/_dev/status`)).json()) as {
    collections: Array<{ name: string; count: number }>;
  };
  expect(json.collections.find((c) => c.name === 't')?.count).toBeGreaterThanOrEqual(2);
});
