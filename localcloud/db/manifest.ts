import { existsSync, readFileSync } from 'node:fs';

/**
 * The collection manifest (`docs/database.json`): every collection with its security rules and
 * indexes. Deploy creates the same collections and indexes on the platform; localcloud applies it
 * at start so code never meets a collection that production would not have.
 */
export interface CollectionManifest {
  collections: Record<string, CollectionSpec>;
}

export interface CollectionSpec {
  /** the platform's security rules; every collection of ours is closed to clients */
  rules?: { read: unknown; write: unknown };
  indexes?: IndexSpec[];
}

export interface IndexSpec {
  name: string;
  /** field path → 1 (ascending) or -1 (descending); order matters for compound indexes */
  keys: Record<string, 1 | -1>;
  /** a missing field counts as null, as on the platform, which has no sparse indexes */
  unique?: boolean;
}

export function readManifest(path: string): CollectionManifest {
  if (!existsSync(path)) return { collections: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return validateManifest(parsed, path);
}

function validateManifest(value: unknown, source: string): CollectionManifest {
  const fail = (why: string): never => {
    throw new Error(`collection manifest ${source}: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const collections = (value as { collections?: unknown }).collections;
  if (typeof collections !== 'object' || collections === null) return fail('missing "collections"');
  for (const [name, spec] of Object.entries(collections as Record<string, unknown>)) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) fail(`bad collection name "${name}"`);
    const indexes = (spec as CollectionSpec | null)?.indexes ?? [];
    if (!Array.isArray(indexes)) fail(`${name}.indexes is not a list`);
    for (const index of indexes as IndexSpec[]) {
      if (!index || typeof index.name !== 'string' || typeof index.keys !== 'object' || !index.keys) {
        fail(`${name}: every index needs a name and keys`);
      }
      if ('sparse' in index) {
        fail(
          `${name}.${index.name}: the platform has no sparse indexes; keep optional unique fields in a key collection`,
        );
      }
      const fields = Object.entries(index.keys);
      if (fields.length === 0 || fields.some(([, dir]) => dir !== 1 && dir !== -1)) {
        fail(`${name}.${index.name}: keys must map fields to 1 or -1`);
      }
    }
  }
  return value as CollectionManifest;
}
