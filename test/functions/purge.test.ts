import { EXPIRING_COLLECTIONS, PURGE_GRACE_MS } from '../../server/platform/purge';
import { randomUUID } from 'node:crypto';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { HJ, HX, addStaff } from '../support/fixtures';

// The daily purge (the admin function's `purge` timer): what expired more than a day ago goes from every expiring
// collection; what is still live, or expired only just, stays — as does every other collection.

const app = useAppCloud();

test('the purge timer removes what expired over a day ago, and nothing else', async () => {
  const now = app.lc.clock.now();
  const ages = { long: now - PURGE_GRACE_MS - 60_000, recent: now - 60_000, live: now + 3600_000 };
  for (const name of EXPIRING_COLLECTIONS) {
    await app.lc.db.insert(
      name,
      Object.entries(ages).map(([age, at]) => ({ _id: `purge-test-${age}`, expiresAt: new Date(at) })),
    );
  }
  const recordsBefore = app.lc.db.count('accessRecords', {});
  const usersBefore = app.lc.db.count('users', {});

  const run = await app.lc.timers.fire('admin', 'purge');

  expect(run).toMatchObject({ ok: true });
  for (const name of EXPIRING_COLLECTIONS) {
    const left = app.lc.db.find(name, { _id: { $regex: '^purge-test-' } }, {}).map((doc) => doc._id);
    expect({ name, left: left.sort() }).toEqual({ name, left: ['purge-test-live', 'purge-test-recent'] });
    expect(
      (run as { result: { data: { expired: Record<string, number> } } }).result.data.expired[name],
    ).toBeGreaterThanOrEqual(1);
  }
  expect(app.lc.db.count('accessRecords', {})).toBe(recordsBefore);
  expect(app.lc.db.count('users', {})).toBe(usersBefore);
});

test('no one reaches the purge by calling the function', async () => {
  const timerEvent = { Type: 'Timer', TriggerName: 'purge', Time: '2026-12-01T20:00:00Z', Message: '' };
  for (const openid of [DEMO_OPENIDS.admin, undefined]) {
    expect(await app.call('admin', timerEvent, openid)).toMatchObject({ ok: false });
  }
});

test("each site's access records older than its retention go with the purge: 180 days by default, or its own", async () => {
  const now = app.lc.clock.now();
  const day = 86_400_000;
  const record = (siteId: string, id: string, ageDays: number) => ({
    _id: `retention-${id}`,
    siteId,
    at: new Date(now - ageDays * day),
    kind: 'release',
    result: 'ok',
    direction: 'out',
    actor: { kind: 'guard', id: 'user-wangqiang' },
  });
  await app.lc.db.insert('accessRecords', [
    record(HX, 'hx-old', 181),
    record(HX, 'hx-kept', 179),
    record(HJ, 'hj-old', 31),
    record(HJ, 'hj-kept', 29),
  ]);
  // 鸿锦阁's administrator keeps records 30 days; 海信慧园 keeps the default
  await addStaff(app, 'retention-admin-hj', HJ, 'admin');
  const setRetention = (days: number) =>
    app.call<Envelope<{ accessRecordsDays: number }>>(
      'admin',
      { action: 'setRetention', siteId: HJ, accessRecordsDays: days, visitorDataDays: 7, requestId: randomUUID() },
      'retention-admin-hj',
    );
  expect(await setRetention(29)).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '出入记录保存天数应在30到3650之间',
  });
  expect(await setRetention(30)).toMatchObject({ ok: true, data: { accessRecordsDays: 30, visitorDataDays: 7 } });
  expect(await app.call('admin', { action: 'retention', siteId: HX }, DEMO_OPENIDS.admin)).toMatchObject({
    ok: true,
    data: { accessRecordsDays: 180, visitorDataDays: 30 },
  });
  const visitsBefore = app.lc.db.find('visits', {}, {});

  const run = await app.lc.timers.fire('admin', 'purge');

  expect(run).toMatchObject({ ok: true, result: { data: { records: { [HX]: 1, [HJ]: 1 } } } });
  const left = app.lc.db.find('accessRecords', { _id: { $regex: '^retention-' } }, {}).map((doc) => doc._id);
  expect(left.sort()).toEqual(['retention-hj-kept', 'retention-hx-kept']);
  // the visitor period is the visitor function's `retention` timer's (visitor-retention.test.ts): visits stay as they were
  expect(app.lc.db.find('visits', {}, {})).toEqual(visitsBefore);
});
