/**
 * What the database step of `npm run deploy` makes of `docs/database.json`: per collection, create it if it is
 * missing, add each index it lacks, and set its security rule. The manifest is the one list (localcloud applies
 * the same file at start), so every environment gets exactly what development ran against.
 */
import { existsSync } from 'node:fs';
import { readManifest, type IndexSpec } from '../../localcloud/db/manifest';

export interface IndexField {
  name: string;
  /** the platform's index direction: '1' ascending (升序), '-1' descending (降序) */
  direction: '1' | '-1';
}

export interface PlannedIndex {
  name: string;
  /** in the manifest's order, which is the compound index's order */
  fields: IndexField[];
  unique: boolean;
}

export interface CollectionPlan {
  collection: string;
  indexes: PlannedIndex[];
  /** the custom security rule (AclTag CUSTOM), as the JSON text the platform stores */
  rule: string;
}

function plannedIndex(index: IndexSpec): PlannedIndex {
  return {
    name: index.name,
    fields: Object.entries(index.keys).map(([name, direction]) => ({
      name,
      direction: direction === -1 ? '-1' : '1',
    })),
    unique: index.unique === true,
  };
}

/** The plan for every collection of the manifest, in the manifest's order. */
export function databasePlan(manifestPath: string): CollectionPlan[] {
  if (!existsSync(manifestPath)) throw new Error(`no collection manifest at ${manifestPath}`);
  const manifest = readManifest(manifestPath);
  return Object.entries(manifest.collections).map(([collection, spec]) => {
    // no default rule: a collection the manifest leaves open by omission would be a hole in production
    if (!spec.rules) throw new Error(`${manifestPath}: collection "${collection}" has no "rules"`);
    return { collection, indexes: (spec.indexes ?? []).map(plannedIndex), rule: JSON.stringify(spec.rules) };
  });
}

/**
 * The indexes still to create, given the names the collection already has. An index is known by its name: one
 * that exists is left alone even if its fields differ (changing it means dropping it first, which a deploy must
 * never do on its own to a collection holding data).
 */
export function indexesToCreate(planned: PlannedIndex[], existingNames: readonly string[]): PlannedIndex[] {
  return planned.filter((index) => !existingNames.includes(index.name));
}

/** One index as a person reads it in the console: `site_at: siteId 升序, at 降序 (唯一)`. */
export function describeIndex(index: PlannedIndex): string {
  const fields = index.fields.map((field) => `${field.name} ${field.direction === '-1' ? '降序' : '升序'}`);
  return `${index.name}: ${fields.join(', ')}${index.unique ? ' (唯一)' : ''}`;
}
