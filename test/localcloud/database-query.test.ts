import type { Command, Database } from '../../server/platform/db-types';
import { useTestCloud, type TestCloud } from './harness';

// Queries through the real wx-server-sdk: every query operator it emits, dot paths, arrays,
// null vs missing, paging, projection, dates, regular expressions, counts and aggregation.

let lc: TestCloud;
let db: Database;
let _: Command;

const people = [
  {
    _id: 'p1',
    name: 'Zhang Wei',
    age: 34,
    city: 'Shanghai',
    tags: ['owner', 'car'],
    house: { building: 3, unit: '2-301' },
    visits: [
      { day: 1, n: 2 },
      { day: 2, n: 5 },
    ],
    phone: null,
  },
  {
    _id: 'p2',
    name: 'Li Na',
    age: 28,
    city: 'Beijing',
    tags: ['tenant'],
    house: { building: 5, unit: '1-101' },
    visits: [{ day: 1, n: 1 }],
  },
  {
    _id: 'p3',
    name: 'Wang Fang',
    age: 45,
    city: 'Shanghai',
    tags: ['owner'],
    house: { building: 3, unit: '1-202' },
    visits: [],
  },
  { _id: 'p4', name: 'zhao lei', age: 19, city: 'Shenzhen', tags: [], house: { building: 7, unit: '4-404' } },
];

const ids = (res: { data: Array<{ _id?: string | number }> }) => res.data.map((d) => d._id);

useTestCloud(async (started) => {
  ({ lc, db, _ } = started);
  for (const p of people) await db.collection('t').add({ data: p });
});

describe('comparison and logic operators', () => {
  test.each([
    ['eq', () => ({ age: _.eq(28) }), ['p2']],
    ['neq', () => ({ city: _.neq('Shanghai') }), ['p2', 'p4']],
    ['gt', () => ({ age: _.gt(34) }), ['p3']],
    ['gte', () => ({ age: _.gte(34) }), ['p1', 'p3']],
    ['lt', () => ({ age: _.lt(28) }), ['p4']],
    ['lte', () => ({ age: _.lte(28) }), ['p2', 'p4']],
    ['in', () => ({ city: _.in(['Beijing', 'Shenzhen']) }), ['p2', 'p4']],
    ['nin', () => ({ city: _.nin(['Beijing', 'Shenzhen']) }), ['p1', 'p3']],
    ['and (chained)', () => ({ age: _.gt(20).and(_.lt(40)) }), ['p1', 'p2']],
    ['or (field)', () => ({ age: _.lt(20).or(_.gt(40)) }), ['p3', 'p4']],
    ['exists', () => ({ visits: _.exists(false) }), ['p4']],
    ['mod', () => ({ age: _.mod(2, 0) }), ['p1', 'p2']],
    ['size', () => ({ tags: _.size(2) }), ['p1']],
    ['all', () => ({ tags: _.all(['owner', 'car']) }), ['p1']],
    ['elemMatch', () => ({ visits: _.elemMatch({ day: 2, n: _.gte(5) }) }), ['p1']],
    ['array contains (plain value)', () => ({ tags: 'owner' }), ['p1', 'p3']],
    ['dot path into an object', () => ({ 'house.building': 3 }), ['p1', 'p3']],
    ['nested object (flattened by the SDK)', () => ({ house: { building: 5 } }), ['p2']],
    ['dot path through an array', () => ({ 'visits.n': 5 }), ['p1']],
  ])('%s', async (_name, where, expected) => {
    const res = await db.collection('t').where(where()).get();
    expect(ids(res).sort()).toEqual(expected);
  });

  test('top-level or and and', async () => {
    const or = await db
      .collection('t')
      .where(_.or([{ age: _.lt(20) }, { city: 'Beijing' }]))
      .get();
    expect(ids(or).sort()).toEqual(['p2', 'p4']);
    const and = await db
      .collection('t')
      .where(_.and([{ city: 'Shanghai' }, { age: _.gt(40) }]))
      .get();
    expect(ids(and)).toEqual(['p3']);
  });

  test('null matches null and missing; exists tells them apart', async () => {
    const nullish = await db.collection('t').where({ phone: null }).get();
    expect(ids(nullish).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    const present = await db
      .collection('t')
      .where({ phone: _.exists(true) })
      .get();
    expect(ids(present)).toEqual(['p1']);
    const eqNull = await db
      .collection('t')
      .where({ phone: _.eq(null) })
      .get();
    expect(ids(eqNull)).toHaveLength(4);
  });

  test('expr compares fields of the same document', async () => {
    const $ = _.aggregate;
    const res = await db
      .collection('t')
      .where(_.expr($.gt(['$age', '$house.building'])))
      .get();
    expect(ids(res).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    const none = await db
      .collection('t')
      .where(_.expr($.lt(['$age', '$house.building'])))
      .get();
    expect(none.data).toEqual([]);
  });
});

describe('regular expressions', () => {
  test('db.RegExp with options', async () => {
    const res = await db
      .collection('t')
      .where({ name: db.RegExp({ regexp: '^zha', options: 'i' }) })
      .get();
    expect(ids(res).sort()).toEqual(['p1', 'p4']);
  });

  test('a JS regex', async () => {
    const res = await db.collection('t').where({ name: /Fang$/ }).get();
    expect(ids(res)).toEqual(['p3']);
  });
});

describe('order, skip, limit, projection', () => {
  test('orderBy on two fields, skip and limit', async () => {
    const res = await db.collection('t').orderBy('city', 'desc').orderBy('age', 'asc').skip(1).limit(2).get();
    expect(ids(res)).toEqual(['p1', 'p3']);
  });

  test('field includes (with _id) and excludes', async () => {
    const inc = await db.collection('t').where({ _id: 'p2' }).field({ name: true }).get();
    expect(inc.data).toEqual([{ _id: 'p2', name: 'Li Na' }]);
    const exc = await db.collection('t').doc('p2').field({ visits: false, tags: false, house: false }).get();
    expect(exc.data).toEqual({ _id: 'p2', name: 'Li Na', age: 28, city: 'Beijing' });
    const nested = await db.collection('t').doc('p1').field({ 'house.unit': true }).get();
    expect(nested.data).toEqual({ _id: 'p1', house: { unit: '2-301' } });
  });

  test('a missing document: doc().get() fails, where() returns nothing', async () => {
    await expect(db.collection('t').doc('nobody').get()).rejects.toMatchObject({ errCode: -1 });
    expect((await db.collection('t').where({ _id: 'nobody' }).get()).data).toEqual([]);
  });
});

describe('page sizes', () => {
  beforeAll(async () => {
    await db.createCollection('many');
    const batch = Array.from({ length: 1100 }, (_v, i) => ({ i }));
    // the SDK's add() takes one document; a batch goes as one insertDocument with many
    for (let start = 0; start < batch.length; start += 100) {
      await Promise.all(batch.slice(start, start + 100).map((data) => db.collection('many').add({ data })));
    }
  });

  test('get() without a limit returns the platform default of 100', async () => {
    const res = await db.collection('many').get();
    expect(res.data).toHaveLength(100);
  });

  test('limit above 1000 is clamped to 1000', async () => {
    const res = await db.collection('many').limit(5000).get();
    expect(res.data).toHaveLength(1000);
  });

  test('count sees everything and honours where', async () => {
    expect((await db.collection('many').count()).total).toBe(1100);
    expect(
      (
        await db
          .collection('many')
          .where({ i: _.lt(10) })
          .count()
      ).total,
    ).toBe(10);
  });

  test('skip pages through in a stable order', async () => {
    const a = await db.collection('many').orderBy('i', 'asc').skip(1000).limit(1000).get();
    expect(a.data.map((d) => d.i)).toEqual(Array.from({ length: 100 }, (_v, k) => 1000 + k));
  });
});

describe('dates and serverDate', () => {
  test('serverDate is localcloud time, with offset, and follows a shifted clock', async () => {
    const before = Date.now();
    const { _id } = await db
      .collection('t')
      .add({ data: { kind: 'date', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const doc = (
      await db
        .collection('t')
        .doc(_id as string)
        .get<{ at: Date; later: Date }>()
    ).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000);

    lc.clock.setOffset(24 * 3600_000);
    try {
      await db
        .collection('t')
        .doc(_id as string)
        .update({ data: { at: db.serverDate() } });
      const moved = (
        await db
          .collection('t')
          .doc(_id as string)
          .get<{ at: Date }>()
      ).data;
      expect(moved.at.getTime()).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    } finally {
      lc.clock.setOffset(0);
    }
  });

  test('dates compare in queries', async () => {
    await db.collection('t').add({ data: { kind: 'stamp', when: new Date('2026-01-01T00:00:00Z') } });
    await db.collection('t').add({ data: { kind: 'stamp', when: new Date('2026-06-01T00:00:00Z') } });
    const res = await db
      .collection('t')
      .where({ kind: 'stamp', when: _.gt(new Date('2026-03-01T00:00:00Z')) })
      .get<{ when: Date }>();
    expect(res.data).toHaveLength(1);
    expect(res.data[0].when.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('aggregate', () => {
  test('match, group, sort, limit, project', async () => {
    const $ = _.aggregate;
    const res = await db
      .collection('t')
      .aggregate()
      .match({ age: _.exists(true) })
      .group({ _id: '$city', people: $.sum(1), avgAge: $.avg('$age') })
      .sort({ people: -1, _id: 1 })
      .limit(2)
      .project({ _id: 0, city: '$_id', people: 1, avgAge: 1 })
      .end();
    expect(res.list).toEqual([
      { city: 'Shanghai', people: 2, avgAge: 39.5 },
      { city: 'Beijing', people: 1, avgAge: 28 },
    ]);
  });

  test('lookup joins another collection', async () => {
    await db.collection('u').add({ data: { _id: 'h3', person: 'p1', note: 'car owner' } });
    const res = await db
      .collection('t')
      .aggregate()
      .match({ _id: 'p1' })
      .lookup({ from: 'u', localField: '_id', foreignField: 'person', as: 'notes' })
      .project({ notes: 1 })
      .end();
    expect(res.list).toEqual([{ _id: 'p1', notes: [{ _id: 'h3', person: 'p1', note: 'car owner' }] }]);
  });

  test('a lookup whose localField runs through a joined list gives [] where nothing matches, as MongoDB does', async () => {
    await db.collection('u').add({ data: { _id: 'h4', person: 'p1', note: 'bike' } });
    const res = await db
      .collection('t')
      .aggregate()
      .match({ _id: 'p1' })
      .lookup({ from: 'u', localField: '_id', foreignField: 'person', as: 'notes' })
      .lookup({ from: 'u', localField: 'notes.person', foreignField: 'owner', as: 'owned' })
      .lookup({ from: 'u', localField: 'notes.person', foreignField: 'person', as: 'again' })
      .project({ owned: 1, again: 1 })
      .end();
    const [found] = res.list as { owned: unknown[]; again: { _id: string }[] }[];
    expect(found.owned).toEqual([]);
    expect(found.again.map((d) => d._id)).toContain('h4');
  });

  test('a leading $match and a lookup whose pipeline starts with a plain $match use the indexes', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_v, i) => db.collection('passes').add({ data: { code: `L-${i}` } })),
    );
    const before = lc.db.examined('passes');
    const res = await db
      .collection('t')
      .aggregate()
      .match({ _id: 'p2' })
      .lookup({ from: 'passes', pipeline: [{ $match: { code: 'L-7' } }], as: 'found' })
      .project({ found: 1 })
      .end();
    expect(res.list).toEqual([{ _id: 'p2', found: [expect.objectContaining({ code: 'L-7' })] }]);
    expect(lc.db.examined('passes') - before).toBe(1);
  });

  test('facet throws inside the SDK, as on the platform', async () => {
    expect(() => (db.collection('t').aggregate() as unknown as { facet(x: unknown): unknown }).facet({})).toThrow(
      /is not a function/,
    );
  });
});

describe('collections', () => {
  test('a missing collection fails with -502005', async () => {
    await expect(db.collection('nothing_here').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('nothing_here').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
  });

  test('createCollection makes it usable; creating it twice fails', async () => {
    await db.createCollection('fresh');
    await db.collection('fresh').add({ data: { a: 1 } });
    expect((await db.collection('fresh').count()).total).toBe(1);
    await expect(db.createCollection('fresh')).rejects.toBeTruthy();
  });
});
