import type { Command, Database } from '../../server/platform/db-types';
import { useTestCloud } from './harness';

// Exactness under parallel calls: what single-use passes and quotas rely on.

let db: Database;
let _: Command;

useTestCloud((started) => {
  ({ db, _ } = started);
});

test('20 concurrent conditional updates of one document: exactly one wins', async () => {
  await db.collection('passes').add({ data: { _id: 'pass-1', code: 'single', status: 'active' } });
  const results = await Promise.all(
    Array.from({ length: 20 }, (_v, guard) =>
      db
        .collection('passes')
        .where({ _id: 'pass-1', status: 'active' })
        .update({ data: { status: 'used', usedBy: guard } }),
    ),
  );
  const winners = results.filter((r) => r.stats.updated === 1);
  expect(winners).toHaveLength(1);
  expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(19);
  const doc = (await db.collection('passes').doc('pass-1').get<{ status: string; usedBy: number }>()).data;
  expect(doc.status).toBe('used');
  expect(results[doc.usedBy].stats.updated).toBe(1);
});

test('30 concurrent increments are all counted', async () => {
  await db.collection('t').add({ data: { _id: 'counter', n: 0 } });
  await Promise.all(
    Array.from({ length: 30 }, () =>
      db
        .collection('t')
        .doc('counter')
        .update({ data: { n: _.inc(1) } }),
    ),
  );
  expect((await db.collection('t').doc('counter').get<{ n: number }>()).data.n).toBe(30);
});

test('a quota of 5 under 20 concurrent takers grants exactly 5', async () => {
  await db.collection('t').add({ data: { _id: 'quota', used: 0 } });
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      db
        .collection('t')
        .where({ _id: 'quota', used: _.lt(5) })
        .update({ data: { used: _.inc(1) } }),
    ),
  );
  expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(5);
  expect((await db.collection('t').doc('quota').get<{ used: number }>()).data.used).toBe(5);
});

test('20 concurrent inserts of the same unique key: exactly one is stored', async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_v, i) => db.collection('people').add({ data: { phone: '13912345678', attempt: i } })),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect((await db.collection('people').where({ phone: '13912345678' }).count()).total).toBe(1);
});
