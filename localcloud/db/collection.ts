import { Query } from 'mingo';
import type { Doc } from './ejson';
import { duplicateKey } from './errors';
import { SecondaryIndex, encodeKey, equalityConstraints } from './indexes';
import type { IndexSpec } from './manifest';
import { rangeOn } from './ordered-keys';

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
      index.add(doc, this.order.get(doc._id) ?? 0);
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
    const seq = this.order.get(doc._id) ?? 0;
    for (const index of this.indexes) index.add(doc, seq);
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

  /**
   * A query with equalities on an index's leading fields and a range or the sort on its last field, answered by
   * walking that stretch of the index in order (ordered-keys.ts): with a sort, it stops once `wanted` documents
   * match (the page's offset + limit), in the sort's order; without one, it returns every match in natural
   * order. Undefined when no index fits, and the caller matches as before.
   */
  matchInOrder(query: Record<string, unknown>, order: Record<string, 1 | -1>, wanted: number): Doc[] | undefined {
    const sortFields = Object.keys(order);
    if (sortFields.length > 1) return undefined;
    const constraints = equalityConstraints(query);
    if (constraints.has('_id')) return undefined;
    // each index whose leading fields the query pins and whose last field it bounds or sorts by, with that range;
    // the one that pins down the most leading fields wastes the fewest reads
    const fitting = this.indexes
      .map((index) => ({ index, last: index.fields[index.fields.length - 1] }))
      .filter(({ index, last }) => {
        if (constraints.has(last)) return false;
        if (sortFields.length === 1 && sortFields[0] !== last) return false;
        return index.fields.slice(0, -1).every((f) => constraints.get(f)?.length === 1);
      })
      .map((fit) => ({ ...fit, range: rangeOn(query, fit.last) }))
      .filter(({ range }) => sortFields.length === 1 || range !== undefined)
      .sort((a, b) => b.index.fields.length - a.index.fields.length);
    const limit = sortFields.length === 1 ? wanted : Infinity;
    for (const { index, last, range } of fitting) {
      const ordered = index.orderedKeys(() => this.withSequence());
      if (ordered.unusable) continue;
      const prefix = SecondaryIndex.prefixOf(index.fields.slice(0, -1).map((f) => constraints.get(f)?.[0]));
      const test = compile(query);
      const out: Doc[] = [];
      for (const id of ordered.walk(prefix, range ?? {}, order[last] ?? 1)) {
        const doc = this.docs.get(id);
        if (!doc) continue;
        this.examined += 1;
        if (!test(doc)) continue;
        out.push(doc);
        if (out.length >= limit) break;
      }
      if (sortFields.length === 0 && out.length > 1)
        out.sort((a, b) => (this.order.get(a._id) ?? 0) - (this.order.get(b._id) ?? 0));
      return out;
    }
    return undefined;
  }

  private *withSequence(): Generator<[Doc, number]> {
    for (const doc of this.docs.values()) yield [doc, this.order.get(doc._id) ?? 0];
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
