import { encodeKey } from './indexes';

/**
 * The last field of a compound index, kept in order under each value of the fields before it: what lets a query
 * with equalities on the leading fields and a range (or a sort) on the last one walk only its own stretch of the
 * index, newest first, and stop once it has a page — as MongoDB's B-tree index does — instead of reading every
 * document of the prefix. `{siteId, at: {$gte, $lt}}` ordered by `at` desc, limit 50, looks at about 50 entries
 * whatever the site's size.
 *
 * Kept cheaply under writes: a new entry waits in `pending` and is merged in at the next read (one linear merge);
 * a removed one stays in the array until the next read skips it (its id no longer holds that value) and is swept
 * out once such entries are half the array. Only scalar values (numbers, strings, booleans, dates, null) are kept
 * in order: a document with an array or a sub-document in the last field makes the index unusable for ranges,
 * and queries fall back to the equality lookup or a scan.
 */
export interface Bound {
  value: unknown;
  inclusive: boolean;
}

export interface Range {
  lower?: Bound;
  upper?: Bound;
}

interface Entry {
  value: unknown;
  id: string;
  /** the document's insertion sequence: equal values keep natural order */
  seq: number;
}

class Run {
  sorted: Entry[] = [];
  pending: Entry[] = [];
  /** id → the encoded value it holds now */
  readonly current = new Map<string, string>();
  stale = 0;

  settle(): void {
    if (this.stale > 0 && this.stale * 2 >= this.sorted.length) {
      // a document removed and filed again with the same value is in twice: keep it once
      const kept = new Set<string>();
      this.sorted = this.sorted.filter((e) => {
        if (kept.has(e.id) || this.current.get(e.id) !== encodeKey(e.value)) return false;
        kept.add(e.id);
        return true;
      });
      this.stale = 0;
    }
    if (this.pending.length === 0) return;
    const fresh = this.pending.sort(compareEntries);
    this.pending = [];
    const merged: Entry[] = [];
    let i = 0;
    let j = 0;
    while (i < this.sorted.length && j < fresh.length)
      merged.push(compareEntries(this.sorted[i], fresh[j]) <= 0 ? this.sorted[i++] : fresh[j++]);
    while (i < this.sorted.length) merged.push(this.sorted[i++]);
    while (j < fresh.length) merged.push(fresh[j++]);
    this.sorted = merged;
  }
}

export class OrderedKeys {
  private readonly runs = new Map<string, Run>();
  /** set for good once a document holds a non-scalar in the last field */
  unusable = false;

  add(prefix: string, value: unknown, id: string, seq: number): void {
    if (!isOrderable(value)) {
      this.unusable = true;
      this.runs.clear();
      return;
    }
    if (this.unusable) return;
    let run = this.runs.get(prefix);
    if (!run) this.runs.set(prefix, (run = new Run()));
    run.current.set(id, encodeKey(value));
    run.pending.push({ value, id, seq });
  }

  remove(prefix: string, value: unknown, id: string): void {
    const run = this.runs.get(prefix);
    if (!run || run.current.get(id) !== encodeKey(value)) return;
    run.current.delete(id);
    run.stale += 1;
  }

  /** The ids under `prefix` whose value lies in `range`, in the order asked, each id once. */
  *walk(prefix: string, range: Range, direction: 1 | -1): Generator<string> {
    const run = this.runs.get(prefix);
    if (!run) return;
    run.settle();
    const entries = run.sorted;
    let from = range.lower ? firstAtOrAbove(entries, range.lower) : 0;
    let to = range.upper ? firstAbove(entries, range.upper) : entries.length;
    if (from >= to) return;
    const seen = new Set<string>();
    const live = (e: Entry) => run.current.get(e.id) === encodeKey(e.value) && !seen.has(e.id);
    if (direction === 1) {
      for (; from < to; from += 1) {
        const e = entries[from];
        if (live(e)) {
          seen.add(e.id);
          yield e.id;
        }
      }
      return;
    }
    // descending by value, but equal values in natural order, as a stable sort of the scan would give them
    while (to > from) {
      let start = to - 1;
      while (start > from && compareValues(entries[start - 1].value, entries[to - 1].value) === 0) start -= 1;
      for (let i = start; i < to; i += 1) {
        const e = entries[i];
        if (live(e)) {
          seen.add(e.id);
          yield e.id;
        }
      }
      to = start;
    }
  }
}

function isOrderable(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    isDate(value)
  );
}

/** A Date from any realm (a structured clone makes the main realm's Date, not a sandbox's). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** MongoDB's order across types: null, numbers, strings, booleans, dates. */
function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 3;
  return 4;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  const x = isDate(a) ? a.getTime() : (a as number | string | boolean);
  const y = isDate(b) ? b.getTime() : (b as number | string | boolean);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareEntries(a: Entry, b: Entry): number {
  return compareValues(a.value, b.value) || a.seq - b.seq;
}

function firstAtOrAbove(entries: Entry[], bound: Bound): number {
  // inclusive: the first entry ≥ value; exclusive: the first entry > value
  return search(entries, (e) => {
    const c = compareValues(e.value, bound.value);
    return bound.inclusive ? c >= 0 : c > 0;
  });
}

function firstAbove(entries: Entry[], bound: Bound): number {
  return search(entries, (e) => {
    const c = compareValues(e.value, bound.value);
    return bound.inclusive ? c > 0 : c >= 0;
  });
}

/** The first index whose entry satisfies `isPast` (monotone over the sorted entries), or the length. */
function search(entries: Entry[], isPast: (e: Entry) => boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isPast(entries[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The range a query puts on `field`: `{field: {$gte: a, $lt: b}}`, the same inside the field's `$and` or the
 * query's top-level `$and`. Undefined when it puts none, or anything the range cannot express on its own (the
 * query is still tested on every document the range yields, so a bound kept loose only costs reads).
 */
export function rangeOn(query: Record<string, unknown>, field: string): Range | undefined {
  const range: Range = {};
  let found = false;
  const addCondition = (condition: unknown): void => {
    if (!isPlainObject(condition)) return;
    for (const [op, operand] of Object.entries(condition)) {
      if (op === '$and' && Array.isArray(operand)) {
        operand.forEach(addCondition);
        continue;
      }
      if (!isOrderable(operand) || operand === undefined || operand === null) continue;
      if (op === '$gt' || op === '$gte') {
        found = true;
        range.lower = tighter(range.lower, { value: operand, inclusive: op === '$gte' }, 1);
      } else if (op === '$lt' || op === '$lte') {
        found = true;
        range.upper = tighter(range.upper, { value: operand, inclusive: op === '$lte' }, -1);
      }
    }
  };
  const addQuery = (q: Record<string, unknown>): void => {
    if (field in q) addCondition(q[field]);
    if (Array.isArray(q.$and)) for (const part of q.$and) if (isPlainObject(part)) addQuery(part);
  };
  addQuery(query);
  return found ? range : undefined;
}

/** Of two bounds on the same side, the one that lets less through (`side` 1: lower bounds, −1: upper). */
function tighter(known: Bound | undefined, next: Bound, side: 1 | -1): Bound {
  if (!known) return next;
  const c = compareValues(next.value, known.value) * side;
  if (c !== 0) return c > 0 ? next : known;
  return next.inclusive ? known : next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDate(value);
}
