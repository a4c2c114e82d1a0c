import type { Command, Database } from '../../server/platform/db-types';
import { useTestCloud, type TestCloud } from './harness';

// A range or a sort on a compound index's last field, the leading fields pinned by equalities: answered from the
// index in order (localcloud/db/ordered-keys.ts), reading about a page rather than the whole prefix, and always
// the same answer a scan gives — after inserts, updates, deletes, with equal values and with odd documents.

let lc: TestCloud;
let db: Database;
let _: Command;

const SITES = ['a', 'b', 'c'];
const START = Date.parse('2026-11-01T00:00:00Z');
/** 1,500 events over three sites, a minute apart, inserted in shuffled order; every tenth shares its minute */
const events = Array.from({ length: 1500 }, (_v, i) => ({
  _id: `e${String(i).padStart(4, '0')}`,
  site: SITES[i % 3],
  at: new Date(START + (i - (i % 10 === 1 ? 1 : 0)) * 60_000),
  n: i,
}));

useTestCloud(async (started) => {
  ({ lc, db, _ } = started);
  const shuffled = [...events].sort((x, y) => ((x.n * 7919) % 1500) - ((y.n * 7919) % 1500));
  for (let i = 0; i < shuffled.length; i += 500) {
    await Promise.all(shuffled.slice(i, i + 500).map((e) => db.collection('events').add({ data: e })));
  }
});

/** What a scan of the stored documents answers: localcloud's own find over the unindexed copy in JS. */
function expected(site: string, from: number, to: number, direction: 1 | -1, skip: number, limit: number): string[] {
  const all = lc.db.find('events', {}, { limit: 1000 }).concat(lc.db.find('events', {}, { offset: 1000, limit: 1000 }));
  const inRange = all.filter((d) => {
    // a Date of the database's realm: not `instanceof` the test's own Date
    if (Object.prototype.toString.call(d.at) !== '[object Date]') return false;
    const at = (d.at as Date).getTime();
    return d.site === site && at >= from && at < to;
  });
  // a stable sort over natural (insertion) order, which is what a scan and sort give
  const sorted = inRange.sort((x, y) => direction * ((x.at as Date).getTime() - (y.at as Date).getTime()));
  return sorted.slice(skip, skip + limit).map((d) => String(d._id));
}

async function page(site: string, from: number, to: number, direction: 1 | -1, skip: number, limit: number) {
  const res = await db
    .collection('events')
    .where({ site, at: _.gte(new Date(from)).and(_.lt(new Date(to))) })
    .orderBy('at', direction === 1 ? 'asc' : 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return res.data.map((d) => String(d._id));
}

test('a page, newest first, reads about a page of the index and matches a scan', async () => {
  const from = START + 100 * 60_000;
  const to = START + 1400 * 60_000;
  for (const [skip, limit] of [
    [0, 51],
    [50, 51],
    [400, 20],
  ]) {
    const before = lc.db.examined('events');
    const ids = await page('b', from, to, -1, skip, limit);
    // the site holds 433 events in that range: only the page (and what it skips) is read
    expect(lc.db.examined('events') - before).toBe(skip + limit);
    expect(ids).toEqual(expected('b', from, to, -1, skip, limit));
  }
  expect(await page('a', from, to, 1, 0, 30)).toEqual(expected('a', from, to, 1, 0, 30));
});

test('equal values keep natural order in either direction; an empty range answers nothing', async () => {
  const from = START;
  const to = START + 40 * 60_000;
  for (const site of SITES) {
    expect(await page(site, from, to, -1, 0, 100)).toEqual(expected(site, from, to, -1, 0, 100));
    expect(await page(site, from, to, 1, 0, 100)).toEqual(expected(site, from, to, 1, 0, 100));
  }
  expect(await page('a', to, from, -1, 0, 10)).toEqual([]);
  expect(await page('z', from, to, -1, 0, 10)).toEqual([]);
});

test('a range without a sort answers every match in natural order', async () => {
  const res = await db
    .collection('events')
    .where({ site: 'c', at: _.gt(new Date(START + 1000 * 60_000)) })
    .limit(1000)
    .get();
  const scan = lc.db
    .find('events', {}, { limit: 1000 })
    .concat(lc.db.find('events', {}, { offset: 1000, limit: 1000 }))
    .filter((d) => d.site === 'c' && (d.at as Date).getTime() > START + 1000 * 60_000)
    .map((d) => String(d._id));
  expect(res.data.map((d) => String(d._id))).toEqual(scan);
});

test('after updates, moves between sites and deletes, pages still match a scan, each document once', async () => {
  const from = START;
  const to = START + 1500 * 60_000;
  await page('a', from, to, -1, 0, 10); // the ordered keys exist before the writes
  for (let round = 0; round < 3; round += 1) {
    await Promise.all(
      events.slice(0, 300).map((e) =>
        e.n % 3 === 0
          ? db
              .collection('events')
              .doc(e._id)
              .update({ data: { n: _.inc(1) } })
          : e.n % 3 === 1
            ? db
                .collection('events')
                .doc(e._id)
                .update({ data: { at: new Date(e.at.getTime() + 7 * 60_000) } })
            : db
                .collection('events')
                .doc(e._id)
                .update({ data: { site: 'a' } }),
      ),
    );
  }
  await db
    .collection('events')
    .where({ n: _.gte(1400) })
    .remove();
  for (const site of SITES) {
    for (const direction of [1, -1] as const) {
      const ids = await page(site, from, to, direction, 0, 1000);
      expect(ids).toEqual(expected(site, from, to, direction, 0, 1000));
      expect(new Set(ids).size).toBe(ids.length);
    }
  }
  // and the index still answers a page by reading the page
  const before = lc.db.examined('events');
  const newest = await page('a', from, to, -1, 0, 10);
  expect(lc.db.examined('events') - before).toBe(10);
  expect(newest).toEqual(expected('a', from, to, -1, 0, 10));
});

test('a document with an array in the ordered field turns the index off for ranges, and answers stay right', async () => {
  await db.collection('events').add({ data: { _id: 'odd', site: 'a', at: [new Date(START), new Date(START + 1)] } });
  const ids = await page('a', START, START + 30 * 60_000, -1, 0, 50);
  expect(ids).toContain('odd');
  expect(ids.filter((id) => id !== 'odd')).toEqual(
    expected('a', START, START + 30 * 60_000, -1, 0, 50).filter((id) => id !== 'odd'),
  );
});
