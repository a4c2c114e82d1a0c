import type { Command, Database } from '../../server/platform/db-types';
import { isDuplicateKey } from '../../server/platform/errors';
import { useTestCloud, type TestCloud } from './harness';

// Writes through the real wx-server-sdk: inserts, every update operator it emits, set/replace,
// upsert, multi-document update and remove, duplicate ids, unique indexes and transactions.

let lc: TestCloud;
let db: Database;
let _: Command;

useTestCloud((started) => {
  ({ lc, db, _ } = started);
});

const read = async (id: string, collection = 't') =>
  (await db.collection(collection).doc(id).get()).data as Record<string, unknown>;

describe('insert', () => {
  test('generates a 32-hex string _id, or keeps the one given', async () => {
    const generated = await db.collection('t').add({ data: { a: 1 } });
    expect(generated._id).toMatch(/^[0-9a-f]{32}$/);
    const given = await db.collection('t').add({ data: { _id: 'mine', a: 2 } });
    expect(given._id).toBe('mine');
  });

  test('a duplicate _id is refused and nothing changes', async () => {
    await db.collection('t').add({ data: { _id: 'dup', v: 'first' } });
    await expect(db.collection('t').add({ data: { _id: 'dup', v: 'second' } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('duplicate key'),
    });
    expect((await read('dup')).v).toBe('first');
  });
});

describe('update operators', () => {
  beforeEach(async () => {
    await db
      .collection('t')
      .doc('ops')
      .set({
        data: {
          n: 1,
          m: 3,
          lo: 5,
          hi: 5,
          tags: ['a', 'b', 'c'],
          list: [1, 2, 3, 4, 5],
          obj: { k: 1, keep: true },
          gone: 'x',
          old: 'name',
        },
      });
  });

  test.each([
    ['inc', () => ({ n: _.inc(2) }), { n: 3 }],
    ['mul', () => ({ m: _.mul(4) }), { m: 12 }],
    ['min', () => ({ lo: _.min(2) }), { lo: 2 }],
    ['max', () => ({ hi: _.max(9) }), { hi: 9 }],
    ['set replaces a sub-object', () => ({ obj: _.set({ k: 2 }) }), { obj: { k: 2 } }],
    ['a plain nested object merges by dot path', () => ({ obj: { k: 7 } }), { obj: { k: 7, keep: true } }],
    ['remove', () => ({ gone: _.remove() }), { gone: undefined }],
    ['push', () => ({ tags: _.push(['d', 'e']) }), { tags: ['a', 'b', 'c', 'd', 'e'] }],
    ['push with position', () => ({ tags: _.push({ each: ['z'], position: 1 }) }), { tags: ['a', 'z', 'b', 'c'] }],
    ['push with slice and sort', () => ({ list: _.push({ each: [0], sort: 1, slice: 3 }) }), { list: [0, 1, 2] }],
    ['pop', () => ({ tags: _.pop() }), { tags: ['a', 'b'] }],
    ['shift', () => ({ tags: _.shift() }), { tags: ['b', 'c'] }],
    ['unshift', () => ({ tags: _.unshift(['y']) }), { tags: ['y', 'a', 'b', 'c'] }],
    ['pull with a condition', () => ({ list: _.pull(_.gt(3)) }), { list: [1, 2, 3] }],
    ['pullAll', () => ({ tags: _.pullAll(['a', 'c']) }), { tags: ['b'] }],
    ['addToSet', () => ({ tags: _.addToSet('d') }), { tags: ['a', 'b', 'c', 'd'] }],
    [
      'addToSet $each keeps values unique',
      () => ({ tags: _.addToSet({ $each: ['c', 'd', 'd'] }) }),
      { tags: ['a', 'b', 'c', 'd'] },
    ],
    ['rename', () => ({ old: _.rename('renamed') }), { old: undefined, renamed: 'name' }],
  ])('%s', async (_name, update, expected) => {
    const res = await db.collection('t').doc('ops').update({ data: update() });
    expect(res.stats.updated).toBe(1);
    const doc = await read('ops');
    for (const [field, value] of Object.entries(expected)) expect(doc[field]).toEqual(value);
  });

  test('several operators in one update apply together', async () => {
    await db
      .collection('t')
      .doc('ops')
      .update({ data: { n: _.inc(1), m: _.mul(2), 'obj.k': 9, tags: _.push(['q']) } });
    expect(await read('ops')).toMatchObject({ n: 2, m: 6, obj: { k: 9, keep: true }, tags: ['a', 'b', 'c', 'q'] });
  });

  test('changing _id is refused', async () => {
    await expect(
      db
        .collection('t')
        .where({ _id: 'ops' })
        .update({ data: { n: 1, _id: 'other' } }),
    ).rejects.toBeTruthy();
    expect((await read('ops')).n).toBe(1);
  });

  test('an update that changes nothing reports updated 0', async () => {
    expect(
      (
        await db
          .collection('t')
          .doc('ops')
          .update({ data: { n: 1 } })
      ).stats.updated,
    ).toBe(0);
    expect(
      (
        await db
          .collection('t')
          .doc('ops')
          .update({ data: { tags: _.addToSet('a') } })
      ).stats.updated,
    ).toBe(0);
  });

  test('update of a missing document updates nothing', async () => {
    const res = await db
      .collection('t')
      .doc('no-such')
      .update({ data: { n: 1 } });
    expect(res.stats.updated).toBe(0);
    await expect(read('no-such')).rejects.toBeTruthy();
  });
});

describe('set, upsert, multi-update, remove', () => {
  test('set replaces the whole document and creates a missing one', async () => {
    const created = await db
      .collection('t')
      .doc('s1')
      .set({ data: { a: 1, b: 2 } });
    expect(created.stats).toMatchObject({ updated: 0, created: 1 });
    const replaced = await db
      .collection('t')
      .doc('s1')
      .set({ data: { c: 3 } });
    expect(replaced.stats.updated).toBe(1);
    expect(await read('s1')).toEqual({ _id: 's1', c: 3 });
  });

  test('where().update is multi-document and returns the count', async () => {
    await Promise.all([1, 2, 3, 4].map((i) => db.collection('t').add({ data: { group: 'g', i } })));
    const res = await db
      .collection('t')
      .where({ group: 'g', i: _.lte(3) })
      .update({ data: { flag: true, 'deep.k': _.inc(2) } });
    expect(res.stats.updated).toBe(3);
    const flagged = await db.collection('t').where({ group: 'g', flag: true }).get();
    expect(flagged.data.map((d) => d.deep)).toEqual([{ k: 2 }, { k: 2 }, { k: 2 }]);
  });

  test('where().remove removes all matches; doc().remove one', async () => {
    await Promise.all([1, 2, 3].map((i) => db.collection('t').add({ data: { group: 'r', i } })));
    const res = await db
      .collection('t')
      .where({ group: 'r', i: _.nin([1]) })
      .remove();
    expect(res.stats.removed).toBe(2);
    const left = await db.collection('t').where({ group: 'r' }).get();
    expect(left.data).toHaveLength(1);
    const one = await db
      .collection('t')
      .doc(left.data[0]._id as string)
      .remove();
    expect(one.stats.removed).toBe(1);
    expect((await db.collection('t').where({ group: 'r' }).count()).total).toBe(0);
  });
});

/**
 * Single use, nonces, counters and `_id` claims tell "someone else has it" from "the database
 * failed" by this refusal alone (server/platform/errors.ts isDuplicateKey): the platform's errCode and
 * MongoDB's E11000 wording naming the index, which nothing else may answer.
 */
async function expectDuplicate(write: Promise<unknown>, collection: string, index: string): Promise<void> {
  const error = await write.then(
    () => {
      throw new Error(`expected a duplicate-key refusal on ${collection}.${index}`);
    },
    (refusal: unknown) => refusal,
  );
  expect(error).toMatchObject({
    errCode: -502001,
    errMsg: expect.stringContaining(`E11000 duplicate key error collection: ${collection} index: ${index}`),
  });
  expect(isDuplicateKey(error)).toBe(true);
}

describe('unique indexes from the manifest', () => {
  test('a second document with the same unique key is refused, on insert and on update', async () => {
    await db.collection('passes').add({ data: { _id: 'a', code: 'C-1', site: 's', status: 'active' } });
    await expectDuplicate(db.collection('passes').add({ data: { _id: 'b', code: 'C-1' } }), 'passes', 'code_unique');
    await db.collection('passes').add({ data: { _id: 'b', code: 'C-2' } });
    await expectDuplicate(
      db
        .collection('passes')
        .doc('b')
        .update({ data: { code: 'C-1' } }),
      'passes',
      'code_unique',
    );
    expect((await read('b', 'passes')).code).toBe('C-2');
  });

  test('a duplicate _id is the same refusal, and other failures are not mistaken for it', async () => {
    await db.collection('passes').add({ data: { _id: 'same', code: 'S-1' } });
    await expectDuplicate(db.collection('passes').add({ data: { _id: 'same', code: 'S-2' } }), 'passes', '_id_');
    const missing = await db
      .collection('no-such-collection')
      .add({ data: { a: 1 } })
      .catch((error: unknown) => error);
    expect(isDuplicateKey(missing)).toBe(false);
  });

  test('a multi-update that would collide changes nothing at all', async () => {
    await db.collection('passes').add({ data: { _id: 'm1', code: 'M-1', site: 'm' } });
    await db.collection('passes').add({ data: { _id: 'm2', code: 'M-2', site: 'm' } });
    await expectDuplicate(
      db
        .collection('passes')
        .where({ site: 'm' })
        .update({ data: { code: 'M-same' } }),
      'passes',
      'code_unique',
    );
    expect((await read('m1', 'passes')).code).toBe('M-1');
    expect((await read('m2', 'passes')).code).toBe('M-2');
  });

  test('a unique index counts a missing field as null, as the platform does', async () => {
    await db.collection('people').add({ data: { name: 'has phone', phone: '13800000000' } });
    await expectDuplicate(db.collection('people').add({ data: { phone: '13800000000' } }), 'people', 'phone_unique');
    await db.collection('people').add({ data: { name: 'no phone 1' } });
    await expectDuplicate(db.collection('people').add({ data: { name: 'no phone 2' } }), 'people', 'phone_unique');
    expect((await db.collection('people').where({ phone: '13800000000' }).count()).total).toBe(1);
  });

  test('an equality lookup on an indexed field examines only the matches', async () => {
    await Promise.all(
      Array.from({ length: 300 }, (_v, i) =>
        db
          .collection('passes')
          .add({ data: { code: `I-${i}`, site: `site-${i % 3}`, status: i % 2 ? 'active' : 'used' } }),
      ),
    );
    const before = lc.db.examined('passes');
    const res = await db.collection('passes').where({ code: 'I-42' }).get();
    expect(res.data).toHaveLength(1);
    expect(lc.db.examined('passes') - before).toBe(1);

    const compound = lc.db.examined('passes');
    const bySite = await db.collection('passes').where({ site: 'site-1', status: 'active' }).limit(1000).get();
    expect(bySite.data).toHaveLength(50);
    expect(lc.db.examined('passes') - compound).toBe(50);

    const scan = lc.db.examined('passes');
    await db.collection('passes').where({ status: 'active' }).get();
    expect(lc.db.examined('passes') - scan).toBe(lc.db.size('passes'));
  });
});

describe('transactions', () => {
  beforeEach(async () => {
    await db
      .collection('acct')
      .doc('a1')
      .set({ data: { bal: 100 } });
    await db
      .collection('acct')
      .doc('a2')
      .set({ data: { bal: 0 } });
  });

  test('runTransaction commits every write together and returns the callback value', async () => {
    const result = await db.runTransaction(async (tx) => {
      const from = (await tx.collection('acct').doc('a1').get<{ bal: number }>()).data;
      await tx
        .collection('acct')
        .doc('a1')
        .update({ data: { bal: _.inc(-30) } });
      await tx
        .collection('acct')
        .doc('a2')
        .update({ data: { bal: _.inc(30) } });
      await tx.collection('log').add({ data: { moved: 30 } });
      return from.bal;
    });
    expect(result).toBe(100);
    expect((await read('a1', 'acct')).bal).toBe(70);
    expect((await read('a2', 'acct')).bal).toBe(30);
  });

  test('a transaction sees its own writes; others do not until commit', async () => {
    const tx = await db.startTransaction();
    await tx
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: _.inc(-1) } });
    expect((await tx.collection('acct').doc('a1').get<{ bal: number }>()).data.bal).toBe(99);
    expect((await read('a1', 'acct')).bal).toBe(100);
    await tx.commit();
    expect((await read('a1', 'acct')).bal).toBe(99);
  });

  test('rollback (explicit, or by throwing in runTransaction) leaves nothing behind', async () => {
    const tx = await db.startTransaction();
    await tx
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: 1 } });
    await tx
      .collection('acct')
      .doc('a3')
      .set({ data: { bal: 5 } });
    await tx.rollback();
    expect((await read('a1', 'acct')).bal).toBe(100);
    await expect(read('a3', 'acct')).rejects.toBeTruthy();

    await expect(
      db.runTransaction(async (t) => {
        await t
          .collection('acct')
          .doc('a1')
          .update({ data: { bal: 0 } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await read('a1', 'acct')).bal).toBe(100);
  });

  test('a write conflict with another transaction fails one side; runTransaction retries it', async () => {
    const first = await db.startTransaction();
    const second = await db.startTransaction();
    await first
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: _.inc(1) } });
    await expect(
      second
        .collection('acct')
        .doc('a1')
        .update({ data: { bal: _.inc(1) } }),
    ).rejects.toBeTruthy();
    await expect(second.commit()).rejects.toBeTruthy();
    await first.commit();
    expect((await read('a1', 'acct')).bal).toBe(101);

    // 5 concurrent increments through runTransaction: conflicts are retried, none are lost
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        db.runTransaction(async (t) => {
          const cur = (await t.collection('acct').doc('a2').get<{ bal: number }>()).data;
          await t
            .collection('acct')
            .doc('a2')
            .update({ data: { bal: cur.bal + 1 } });
        }, 10),
      ),
    );
    const done = results.filter((r) => r.status === 'fulfilled').length;
    expect((await read('a2', 'acct')).bal).toBe(done);
    expect(done).toBeGreaterThan(0);
  });

  test('a document changed outside after the transaction read it cannot be overwritten by the transaction', async () => {
    const tx = await db.startTransaction();
    const seen = (await tx.collection('acct').doc('a1').get<{ bal: number }>()).data;
    await db
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: _.inc(5) } });
    await expect(
      tx
        .collection('acct')
        .doc('a1')
        .update({ data: { bal: seen.bal - 10 } }),
    ).rejects.toBeTruthy();
    expect((await read('a1', 'acct')).bal).toBe(105);
  });

  test('two transactions writing the same change to a document: the later one still conflicts', async () => {
    // both read it as it was; the first commits; the second's identical write would change nothing now, but it
    // was decided on what it read, so it must fail (as on MongoDB, where it writes over its snapshot)
    const first = await db.startTransaction();
    const second = await db.startTransaction();
    for (const tx of [first, second]) {
      expect((await tx.collection('acct').doc('a1').get<{ bal: number }>()).data.bal).toBe(100);
    }
    await first
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: 0, closed: true } });
    await first.commit();
    await expect(
      second
        .collection('acct')
        .doc('a1')
        .update({ data: { bal: 0, closed: true } }),
    ).rejects.toBeTruthy();
    await expect(second.commit()).rejects.toBeTruthy();
  });

  test('a document another transaction created after this one began cannot be set over by it', async () => {
    const late = await db.startTransaction();
    const early = await db.startTransaction();
    await early
      .collection('acct')
      .doc('created-meanwhile')
      .set({ data: { bal: 1 } });
    await early.commit();
    await expect(
      late
        .collection('acct')
        .doc('created-meanwhile')
        .set({ data: { bal: 2 } }),
    ).rejects.toBeTruthy();
    expect((await read('created-meanwhile', 'acct')).bal).toBe(1);
  });

  test('a plain write to a document a transaction holds waits for the commit, then applies', async () => {
    const tx = await db.startTransaction();
    await tx
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: _.inc(10) } });
    const plain = db
      .collection('acct')
      .doc('a1')
      .update({ data: { bal: _.inc(1) } });
    await new Promise((r) => setTimeout(r, 50));
    expect((await read('a1', 'acct')).bal).toBe(100);
    await tx.commit();
    await plain;
    expect((await read('a1', 'acct')).bal).toBe(111);
  });
});
