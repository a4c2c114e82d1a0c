import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseOf, type Database } from '../../server/platform/db-types';
import { sdkFor } from './harness';
import { killHard, spawnLocalcloud } from './process';

// Acknowledged writes survive `kill -9` and restarts; a torn write never makes the data unreadable.

let dataDir: string;
const manifest = path.join(__dirname, 'fixtures', 'database.json');

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'localcloud-durability-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function databaseAt(url: string): Database {
  return databaseOf(sdkFor({ url, envId: 'tongxing-local' }));
}

test('every acknowledged write survives kill -9 and comes back after a restart', async () => {
  const env = { LOCALCLOUD_DATA: dataDir, LOCALCLOUD_MANIFEST: manifest };
  const first = await spawnLocalcloud(env);
  let db = databaseAt(first.url);
  const _ = db.command;
  const written: string[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async (_v, i) => {
      const { _id } = await db.collection('t').add({ data: { i, at: new Date(1_700_000_000_000 + i) } });
      written.push(_id as string);
    }),
  );
  await db
    .collection('t')
    .where({ i: _.lt(10) })
    .update({ data: { low: true } });
  await db
    .collection('t')
    .where({ i: _.gte(45) })
    .remove();
  await db.createCollection('made_at_runtime');
  await db.collection('made_at_runtime').add({ data: { _id: 'x', ok: true } });
  await killHard(first.child);

  const second = await spawnLocalcloud(env);
  try {
    db = databaseAt(second.url);
    expect((await db.collection('t').count()).total).toBe(45);
    expect((await db.collection('t').where({ low: true }).count()).total).toBe(10);
    const doc = (await db.collection('t').where({ i: 7 }).get<{ at: Date; low: boolean }>()).data[0];
    expect(doc.at).toEqual(new Date(1_700_000_000_007));
    expect((await db.collection('made_at_runtime').doc('x').get<{ ok: boolean }>()).data.ok).toBe(true);
    expect(written).toHaveLength(50);
  } finally {
    await killHard(second.child);
  }
});

test('a write torn by a crash is dropped; everything acknowledged before it is read back', async () => {
  const env = { LOCALCLOUD_DATA: dataDir, LOCALCLOUD_MANIFEST: manifest };
  const first = await spawnLocalcloud(env);
  const db = databaseAt(first.url);
  await db.collection('t').add({ data: { _id: 'kept', v: 1 } });
  await killHard(first.child);
  // what a crash in the middle of appending leaves: a line with no end
  appendFileSync(path.join(dataDir, 'db', 'data.log'), '[{"t":"put","c":"t","d":{"_id":"torn","v":');

  const second = await spawnLocalcloud(env);
  try {
    const again = databaseAt(second.url);
    expect((await again.collection('t').doc('kept').get<{ v: number }>()).data.v).toBe(1);
    await expect(again.collection('t').doc('torn').get()).rejects.toBeTruthy();
    await again.collection('t').add({ data: { _id: 'after', v: 2 } });
  } finally {
    await killHard(second.child);
  }
  const third = await spawnLocalcloud(env);
  try {
    const db3 = databaseAt(third.url);
    expect((await db3.collection('t').count()).total).toBe(2);
  } finally {
    await killHard(third.child);
  }
});
