import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoDocuments } from '../../demo/data';
import { NOT_MOVED, OWNED_BY_USER } from '../../server/accounts/owned';

// Merging users moves what the old user owned by one list (server/accounts/owned.ts): a collection
// added to the manifest must be put in it, or say why it stays — or this test fails.

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'docs', 'database.json'), 'utf8')) as {
  collections: Record<string, unknown>;
};
const collections = Object.keys(manifest.collections).sort();
// a collection may keep its people in several fields: listed once per field
const owned = [...new Set(OWNED_BY_USER.map((o) => o.collection))];

test('every collection of docs/database.json is either moved on a merge or says why not, never both', () => {
  expect([...owned, ...Object.keys(NOT_MOVED)].sort()).toEqual(collections);
  expect(owned.filter((c) => c in NOT_MOVED)).toEqual([]);
});

test('every demo collection whose documents name a user is moved on a merge', async () => {
  const withUser = Object.entries(await demoDocuments(new Date()))
    .filter(([name, docs]) => name !== 'users' && docs.some((doc) => 'userId' in doc))
    .map(([name]) => name);
  expect(withUser.length).toBeGreaterThan(0);
  for (const name of withUser) expect(owned).toContain(name);
});
