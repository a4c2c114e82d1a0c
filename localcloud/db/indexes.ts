import type { IndexSpec } from './manifest';
import { isSubDocument, type Doc } from './ejson';
import { OrderedKeys, isDate } from './ordered-keys';

/** Most index keys one document may produce (multikey × compound); beyond it the write is refused. */
const MAX_KEYS_PER_DOC = 1000;

/**
 * A secondary index: the key tuple of each document → the ids holding it. Arrays are multikey
 * (each element is indexed, as MongoDB does) and a missing field is indexed as null, as on the
 * platform. Unique indexes refuse a second document with the same key.
 */
export class SecondaryIndex {
  readonly fields: string[];
  private readonly entries = new Map<string, Set<string>>();
  /** the last field in order under each prefix (ordered-keys.ts), built at the first range query that needs it */
  private ordered: OrderedKeys | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys);
  }

  /** The keys `doc` is filed under. */
  keysOf(doc: Record<string, unknown>): string[] {
    const perField = this.fields.map((field) => valuesAt(doc, field.split('.')));
    let keys = [''];
    for (const values of perField) {
      const next: string[] = [];
      for (const prefix of keys)
        for (const v of values) next.push(prefix === '' ? encodeKey(v) : `${prefix}\u0000${encodeKey(v)}`);
      keys = [...new Set(next)];
      if (keys.length > MAX_KEYS_PER_DOC)
        throw new RangeError(`index ${this.spec.name}: too many keys for one document`);
    }
    return keys;
  }

  add(doc: Doc, seq: number): void {
    for (const key of this.keysOf(doc)) {
      let ids = this.entries.get(key);
      if (!ids) this.entries.set(key, (ids = new Set()));
      ids.add(doc._id);
    }
    if (this.ordered) this.file(this.ordered, doc, seq);
  }

  remove(doc: Doc): void {
    for (const key of this.keysOf(doc)) {
      const ids = this.entries.get(key);
      if (!ids) continue;
      ids.delete(doc._id);
      if (ids.size === 0) this.entries.delete(key);
    }
    const ordered = this.ordered;
    if (ordered) this.split(doc, (prefix, value) => ordered.remove(prefix, value, doc._id));
  }

  /** The ordered last field, built from `docs` (with their insertion sequence) the first time it is asked for. */
  orderedKeys(docs: () => Iterable<[Doc, number]>): OrderedKeys {
    if (!this.ordered) {
      const ordered = new OrderedKeys();
      for (const [doc, seq] of docs()) this.file(ordered, doc, seq);
      this.ordered = ordered;
    }
    return this.ordered;
  }

  /** The key of the leading fields' values, as `orderedKeys` files them. */
  static prefixOf(values: unknown[]): string {
    return values.map(encodeKey).join('\u0000');
  }

  private file(ordered: OrderedKeys, doc: Doc, seq: number): void {
    this.split(doc, (prefix, value) => ordered.add(prefix, value, doc._id, seq));
  }

  /** Each (leading fields' key, last field's value) pair `doc` is filed under. */
  private split(doc: Doc, each: (prefix: string, value: unknown) => void): void {
    const perField = this.fields.map((field) => valuesAt(doc, field.split('.')));
    const lasts = perField.pop() ?? [];
    let prefixes: unknown[][] = [[]];
    for (const values of perField) prefixes = prefixes.flatMap((p) => values.map((v) => [...p, v]));
    for (const prefix of prefixes) {
      const key = SecondaryIndex.prefixOf(prefix);
      for (const value of lasts) each(key, value);
    }
  }

  /** For a unique index: the id of another document that already holds one of `doc`'s keys. */
  conflictWith(doc: Doc): string | undefined {
    if (!this.spec.unique) return undefined;
    for (const key of this.keysOf(doc)) {
      for (const id of this.entries.get(key) ?? []) if (id !== doc._id) return id;
    }
    return undefined;
  }

  lookup(key: string): ReadonlySet<string> {
    return this.entries.get(key) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The values a dot path reaches, through arrays of sub-documents; an array value yields its elements and itself. */
export function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) {
    return Array.isArray(value) ? [...value, value] : [value];
  }
  if (Array.isArray(value)) {
    const [head] = path;
    if (/^\d+$/.test(head)) return valuesAt(value[Number(head)], path.slice(1));
    const out = value.flatMap((item) => (isSubDocument(item) ? valuesAt(item, path) : []));
    return out.length > 0 ? out : [undefined];
  }
  if (!isSubDocument(value)) return [undefined];
  return valuesAt(value[path[0]], path.slice(1));
}

/** A type-tagged key: equal values in MongoDB's sense encode equally (missing and null alike). */
export function encodeKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return `n:${value === 0 ? 0 : value}`;
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (isDate(value)) return `d:${value.getTime()}`;
  return `o:${stableStringify(value)}`;
}

function stableStringify(value: unknown): string {
  if (isDate(value)) return `{"$date":${value.getTime()}}`;
  if (value instanceof RegExp) return `{"$regex":${JSON.stringify(String(value))}}`;
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isSubDocument(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Equality constraints a query puts on its fields (`{a: 1}`, `{a: {$eq: 1}}`, `{a: {$in: [...]}}`,
 * also inside a top-level `$and`): field → the scalar values it may equal. Only scalars count:
 * they are the values whose index key alone decides a match.
 */
export function equalityConstraints(query: Record<string, unknown>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const addAll = (q: Record<string, unknown>) => {
    for (const [field, condition] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition) if (isSubDocument(part)) addAll(part);
        continue;
      }
      if (field.startsWith('$')) continue;
      const values = scalarValues(condition);
      if (!values) continue;
      const known = out.get(field);
      out.set(field, known ? known.filter((v) => values.some((w) => encodeKey(w) === encodeKey(v))) : values);
    }
  };
  addAll(query);
  return out;
}

function scalarValues(condition: unknown): unknown[] | undefined {
  if (isScalar(condition)) return [condition];
  if (!isSubDocument(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$eq' && isScalar(condition.$eq)) return [condition.$eq];
  if (keys[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isScalar)) return condition.$in;
  return undefined;
}

/** Scalars whose index key decides equality (null is left out: it also matches a missing field). */
function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || isDate(value);
}
