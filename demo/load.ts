import type { Localcloud } from '../localcloud';
import { DEMO_CARD_SYSTEM, demoDocuments } from './data';
import { demoVisitDocuments } from './visits';

/**
 * Loads the demo data (demo/data.ts) when the database holds no sites and no users yet — a fresh data
 * folder — so `npm start` shows something to try. Returns whether it loaded. `visits` adds the demo visits
 * (demo/visits.ts): `npm start` shows them; the tests' clouds start without.
 */
export async function loadDemoDataIfEmpty(
  db: Localcloud['db'],
  now: Date,
  options: { visits?: boolean } = {},
): Promise<boolean> {
  const names = db.collectionNames();
  const empty = ['sites', 'users'].every((name) => !names.includes(name) || db.size(name) === 0);
  if (!empty) return false;
  const documents: Record<string, Array<Record<string, unknown>>> = await demoDocuments(now);
  if (options.visits) {
    const { visits, accessRecords } = demoVisitDocuments(now);
    documents.visits = visits as unknown as Array<Record<string, unknown>>;
    documents.accessRecords = accessRecords;
  }
  for (const [collection, docs] of Object.entries(documents)) {
    if (!names.includes(collection)) db.addCollection(collection);
    await db.insert(collection, docs);
  }
  return true;
}

/** The demo sites' own card systems keep their cards themselves: given to the stand-in at every start. */
export function loadDemoCardSystem(cards: Localcloud['cards']): void {
  for (const [siteId, list] of Object.entries(DEMO_CARD_SYSTEM)) cards.add(siteId, list);
}
