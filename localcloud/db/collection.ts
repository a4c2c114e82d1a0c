import { Query } from 'mingo';
import type { Doc } from './ejson';
import { duplicateKey } from './errors';
import { SecondaryIndex, encodeKey, equalityConstraints } from './indexes';
import type { IndexSpec } from './manifest';

/** Largest number of index keys a query may expand to before a scan is cheaper. */
const MAX_LOOKUP_KEYS = 256;

/**
 * One collection in memory: documents by `_id` (the primary index), their insertion order, the
 * secondary indexes, and a write version per document that transactions use to detect conflicts.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes: SecondaryIndex[] = [];
  /** insertion sequence: natural order for queries answered from an index */
  private readonly order = new Map<string, number>();
  /** last write (global sequence number) per `_id`, kept after a delete so a stale transaction still sees it */
  readonly versions = new Map<string, number>();
  private nextOrder = 0;
  /** documents tested against a query so far: shows whether a lookup used an index or scanned */
  examined = 0;

  constructor(readonly name: string) {}

  ensureIndex(spec: IndexSpec): void {
    if (this.indexes.some((i) => i.spec.name === spec.name)) return;
    const index = new SecondaryIndex(spec);
    for (const doc of this.docs.values()) {
      const other = index.conflictWith(doc);
      if (other !== undefined) throw duplicateKey(this.name, spec.name, `${doc._id} / ${other}`);
      index.add(doc);
    }
    this.indexes.push(index);
  }

  /** The unique-index conflict `doc` would cause, or undefined. */
  uniqueConflict(doc: Doc): Error | undefined {
    for (const index of this.indexes) {
      const other = index.conflictWith(doc);
      if (other !== undefined) return duplicateKey(this.name, index.spec.name, index.keysOf(doc).join(', '));
    }
    return undefined;
  }

  /** Stores `doc` (insert or replace), keeping indexes current. Returns the previous version for undo. */
  put(doc: Doc, version: number): Doc | undefined {
    const previous = this.docs.get(doc._id);
    if (previous) for (const index of this.indexes) index.remove(previous);
    else this.order.set(doc._id, this.nextOrder++);
    this.docs.set(doc._id, doc);
    for (const index of this.indexes) index.add(doc);
    this.versions.set(doc._id, version);
    return previous;
  }

  delete(id: string, version: number): Doc | undefined {
    const previous = this.docs.get(id);
    if (!previous) return undefined;
    for (const index of this.indexes) index.remove(previous);
    this.docs.delete(id);
    this.order.delete(id);
    this.versions.set(id, version);
    return previous;
  }

  /** Documents matching `query` in natural order, using `_id` or a secondary index when the query allows. */
  match(query: Record<string, unknown>): Doc[] {
    const test = compile(query);
    const candidates = this.candidates(query);
    const out: Doc[] = [];
    if (candidates) {
      for (const id of candidates) {
        const doc = this.docs.get(id);
        if (!doc) continue;
        this.examined += 1;
        if (test(doc)) out.push(doc);
      }
      if (out.length > 1) out.sort((a, b) => (this.order.get(a._id) ?? 0) - (this.order.get(b._id) ?? 0));
      return out;
    }
    this.examined += this.docs.size;
    for (const doc of this.docs.values()) if (test(doc)) out.push(doc);
    return out;
  }

  /** The ids an equality lookup narrows the query to, or undefined when only a scan will do. */
  private candidates(query: Record<string, unknown>): Iterable<string> | undefined {
    const constraints = equalityConstraints(query);
    if (constraints.size === 0) return undefined;
    const ids = constraints.get('_id');
    if (ids) return ids.filter((v): v is string => typeof v === 'string');
    let best: Set<string> | undefined;
    for (const index of this.indexes) {
      const values = index.fields.map((f) => constraints.get(f));
      if (values.some((v) => v === undefined)) continue;
      const keys = cartesianKeys(values as unknown[][]);
      if (!keys) continue;
      const found = new Set<string>();
      for (const key of keys) for (const id of index.lookup(key)) found.add(id);
      if (!best || found.size < best.size) best = found;
    }
    return best;
  }
}

function cartesianKeys(values: unknown[][]): string[] | undefined {
  let keys = [''];
  for (const options of values) {
    const next: string[] = [];
    for (const prefix of keys)
      for (const v of options) next.push(prefix === '' ? encodeKey(v) : `${prefix}\u0000${encodeKey(v)}`);
    if (next.length > MAX_LOOKUP_KEYS) return undefined;
    keys = next;
  }
  return keys;
}

/** A compiled query test; an empty query matches everything without going through mingo. */
export function compile(query: Record<string, unknown>): (doc: Doc) => boolean {
  if (Object.keys(query).length === 0) return () => true;
  const q = new Query(query);
  return (doc) => q.test(doc);
}
