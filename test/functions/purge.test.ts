import { EXPIRING_COLLECTIONS, PURGE_GRACE_MS } from '../../server/platform/purge';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';

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
    expect((run as { result: { data: Record<string, number> } }).result.data[name]).toBeGreaterThanOrEqual(1);
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
