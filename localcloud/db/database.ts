import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { aggregate as runPipeline, find as project } from 'mingo';
import type { Clock } from '../types';
import { Collection } from './collection';
import { valuesAt } from './indexes';
import { deserializeEjson, serializeEjson, type Doc } from './ejson';
import { DbError, collectionMissing, duplicateKey } from './errors';
import { ChangeLog, type Change } from './log';
import { readManifest, type CollectionManifest } from './manifest';
import { OpenTransactions } from './open-transactions';
import { applyUpdate, idFromQuery, sameDocument, upsertDocument } from './update';

/** The platform's page size when a query names none, and the most one query returns. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export interface ModifyOptions {
  multi: boolean;
  merge: boolean;
  upsert: boolean;
}

export interface ModifyResult {
  updated: number;
  upsertedId?: string;
  /** the document after the update (first one), for `modifyAndReturnDoc` */
  doc?: Doc;
}

/** A change waiting to be applied: documents as live objects (the log stores them as EJSON). */
export type PendingChange = { t: 'put'; c: string; doc: Doc } | { t: 'del'; c: string; id: string };

/**
 * Localcloud's database: collections in memory, every acknowledged write in an append-only log
 * (log.ts), queries and updates executed by mingo. JavaScript runs one request handler at a time,
 * so a read-check-write done without awaiting in between is atomic: that is what makes a
 * conditional single-document update exact under concurrent calls. Transactions keep a private
 * working copy and lock what they write (open-transactions.ts).
 */
export class Database {
  private readonly collections = new Map<string, Collection>();
  private version = 0;
  private readonly transactions = new OpenTransactions({
    collection: (name) => this.collection(name),
    version: () => this.version,
    now: () => this.now(),
    commit: (changes) => this.commit(changes),
  });
  private log!: ChangeLog;

  private constructor(
    private readonly clock: Clock,
    readonly manifest: CollectionManifest,
  ) {}

  static open(options: { dir: string; clock: Clock; manifestPath: string }): Database {
    mkdirSync(options.dir, { recursive: true });
    const db = new Database(options.clock, readManifest(options.manifestPath));
    db.log = ChangeLog.open(options.dir, (change) => db.replay(change));
    db.applyManifest();
    db.compactIfWorthIt();
    return db;
  }

  close(): void {
    this.transactions.abortAll();
    this.log.close();
  }

  now(): number {
    return this.clock.now();
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  size(name: string): number {
    return this.collection(name).docs.size;
  }

  /** Documents examined by queries on a collection so far (an indexed lookup examines only its matches). */
  examined(name: string): number {
    return this.collection(name).examined;
  }

  // ---- collections -------------------------------------------------------------------------

  addCollection(name: string): void {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) throw new DbError('INVALID_PARAM', `bad collection name: ${name}`);
    if (this.collections.has(name))
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    this.collections.set(name, new Collection(name));
    this.log.append([{ t: 'coll', c: name }]);
  }

  private collection(name: string): Collection {
    const found = this.collections.get(name);
    if (!found) throw collectionMissing(name);
    return found;
  }

  /** Creates the manifest's collections and indexes that are not there yet (as deploy does). */
  private applyManifest(): void {
    for (const [name, spec] of Object.entries(this.manifest.collections)) {
      if (!this.collections.has(name)) this.addCollection(name);
      for (const index of spec.indexes ?? []) this.collection(name).ensureIndex(index);
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  find(name: string, query: Record<string, unknown>, options: FindOptions = {}, txId?: string): Doc[] {
    const limit = Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const matched =
      txId === undefined ? this.matchOutside(name, query, options, limit) : this.transactions.find(txId, name, query);
    let cursor = project(matched, {}, options.projection as never);
    if (options.order && Object.keys(options.order).length > 0) cursor = cursor.sort(options.order);
    if (options.offset) cursor = cursor.skip(options.offset);
    cursor = cursor.limit(limit);
    return cursor.all() as Doc[];
  }

  /** A query outside a transaction: walked in index order when an index fits its range or sort, else matched. */
  private matchOutside(name: string, query: Record<string, unknown>, options: FindOptions, limit: number): Doc[] {
    const collection = this.collection(name);
    return (
      collection.matchInOrder(query, options.order ?? {}, (options.offset ?? 0) + limit) ?? collection.match(query)
    );
  }

  count(name: string, query: Record<string, unknown>): number {
    return this.collection(name).match(query).length;
  }

  /**
   * Runs an aggregation. Where the platform would use an index, so does localcloud: a leading
   * `$match` selects through the collection's indexes, and each `$lookup` joins only the foreign
   * documents that can match — those whose `foreignField` equals a value the current documents
   * hold, or those a sub-pipeline's leading plain `$match` selects. The stage itself still runs on
   * that set, so the result is what a full scan would give.
   */
  aggregate(name: string, pipeline: Record<string, unknown>[]): unknown[] {
    const [first, ...rest] = pipeline;
    const leading = first && isPlainMatch(first.$match) ? (first.$match as Record<string, unknown>) : undefined;
    let docs: unknown[] = leading ? this.collection(name).match(leading) : [...this.collection(name).docs.values()];
    const all = (from: string) => [...(this.collections.get(from)?.docs.values() ?? [])];
    let pending: Record<string, unknown>[] = [];
    const flush = () => {
      if (pending.length > 0) docs = runPipeline(docs, pending, { collectionResolver: all });
      pending = [];
    };
    for (const stage of leading ? rest : pipeline) {
      const lookup = stage.$lookup as LookupStage | undefined;
      if (!lookup) {
        pending.push(stage);
        continue;
      }
      flush();
      const foreign = this.lookupCandidates(lookup, docs as Record<string, unknown>[]);
      const alias = '\u0000lookup';
      docs = runPipeline(docs, [{ $lookup: { ...lookup, from: foreign ? alias : lookup.from } }], {
        collectionResolver: (from: string) => (from === alias && foreign ? foreign : all(from)),
      });
      if (typeof lookup.as === 'string' && lookup.localField !== undefined) docs = withoutNullJoins(docs, lookup.as);
    }
    flush();
    return docs;
  }

  /** The foreign documents a lookup can join to `docs`, or undefined when only all of them will do. */
  private lookupCandidates(lookup: LookupStage, docs: Record<string, unknown>[]): Doc[] | undefined {
    const target = typeof lookup.from === 'string' ? this.collections.get(lookup.from) : undefined;
    if (!target) return undefined;
    const leadingMatch = lookup.pipeline?.[0]?.$match;
    if (lookup.pipeline)
      return isPlainMatch(leadingMatch) ? target.match(leadingMatch as Record<string, unknown>) : undefined;
    if (typeof lookup.localField !== 'string' || typeof lookup.foreignField !== 'string') return undefined;
    const path = lookup.localField.split('.');
    const values = docs.flatMap((doc) => valuesAt(doc, path));
    // a missing local value joins foreign documents missing the field: only a scan finds those
    if (values.some((v) => v === undefined || v === null || typeof v === 'object')) return undefined;
    return target.match({ [lookup.foreignField]: { $in: [...new Set(values)] } });
  }
  // ---- writes ------------------------------------------------------------------------------

  async insert(name: string, docs: Record<string, unknown>[], txId?: string): Promise<string[]> {
    const collection = this.collection(name);
    const prepared = docs.map((d) => withId(d));
    const seen = new Set<string>();
    for (const doc of prepared) {
      if (seen.has(doc._id)) throw duplicateKey(name, '_id_', doc._id);
      seen.add(doc._id);
    }
    if (txId !== undefined) {
      this.transactions.insert(txId, name, prepared);
      return prepared.map((d) => d._id);
    }
    await this.transactions.untilUnlocked(name, () => prepared.map((d) => d._id));
    for (const doc of prepared) if (collection.docs.has(doc._id)) throw duplicateKey(name, '_id_', doc._id);
    this.commit(prepared.map((doc) => ({ t: 'put', c: name, doc })));
    return prepared.map((d) => d._id);
  }

  async modify(
    name: string,
    query: Record<string, unknown>,
    data: Record<string, unknown>,
    options: ModifyOptions,
    txId?: string,
  ): Promise<ModifyResult> {
    if (txId !== undefined) return this.transactions.modify(txId, name, query, data, options);
    const collection = this.collection(name);
    const targets = await this.transactions.untilUnlocked(name, () => {
      const matched = collection.match(query);
      return (options.multi ? matched : matched.slice(0, 1)).map((d) => d._id);
    });
    const now = this.now();
    if (targets.length === 0) {
      if (!options.upsert) return { updated: 0 };
      const doc = upsertDocument(idFromQuery(query) ?? newId(), query, data, options.merge, now);
      this.commit([{ t: 'put', c: name, doc }]);
      return { updated: 0, upsertedId: doc._id, doc };
    }
    const changes: PendingChange[] = [];
    let first: Doc | undefined;
    for (const id of targets) {
      const before = collection.docs.get(id)!;
      const after = applyUpdate(before, data, options.merge, now);
      first ??= after;
      if (after !== before && !sameDocument(before, after)) changes.push({ t: 'put', c: name, doc: after });
    }
    this.commit(changes);
    return { updated: changes.length, doc: first };
  }

  async remove(name: string, query: Record<string, unknown>, multi: boolean, txId?: string): Promise<number> {
    if (txId !== undefined) return this.transactions.remove(txId, name, query);
    const collection = this.collection(name);
    const targets = await this.transactions.untilUnlocked(name, () => {
      const matched = collection.match(query);
      return (multi ? matched : matched.slice(0, 1)).map((d) => d._id);
    });
    this.commit(targets.map((id) => ({ t: 'del', c: name, id })));
    return targets.length;
  }

  // ---- transactions ------------------------------------------------------------------------

  startTransaction(): string {
    return this.transactions.start();
  }

  commitTransaction(txId: string): void {
    this.transactions.commit(txId);
  }

  abortTransaction(txId: string): void {
    this.transactions.abort(txId);
  }

  // ---- applying and logging changes --------------------------------------------------------

  /** Applies changes all-or-nothing (undoing on a unique-index clash), then logs them as one line. */
  private commit(changes: PendingChange[]): void {
    if (changes.length === 0) return;
    const version = ++this.version;
    const undo: Array<() => void> = [];
    try {
      for (const change of changes) {
        const collection = this.collection(change.c);
        const previousVersion = collection.versions.get(change.t === 'put' ? change.doc._id : change.id);
        if (change.t === 'put') {
          const clash = collection.uniqueConflict(change.doc);
          if (clash) throw clash;
          const previous = collection.put(change.doc, version);
          undo.push(() => {
            if (previous) collection.put(previous, previousVersion ?? 0);
            else collection.delete(change.doc._id, previousVersion ?? 0);
          });
        } else {
          const previous = collection.delete(change.id, version);
          if (previous) undo.push(() => collection.put(previous, previousVersion ?? 0));
        }
      }
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
    this.log.append(changes.map(toLogChange));
  }

  private replay(change: Change): void {
    if (change.t === 'coll') {
      if (!this.collections.has(change.c)) this.collections.set(change.c, new Collection(change.c));
      return;
    }
    const collection = this.collection(change.c);
    if (change.t === 'put') collection.put(deserializeEjson(change.d) as Doc, 0);
    else collection.delete(change.id, 0);
  }

  /** Rewrites the log from the live state when most of its lines are history. */
  private compactIfWorthIt(): void {
    let live = 0;
    for (const c of this.collections.values()) live += c.docs.size;
    if (this.log.lineCount < 1000 || this.log.lineCount < 2 * (live + this.collections.size)) return;
    const collections = [...this.collections.values()];
    this.log.compact(
      (function* () {
        yield collections.map((c): Change => ({ t: 'coll', c: c.name }));
        for (const c of collections)
          for (const doc of c.docs.values()) yield [toLogChange({ t: 'put', c: c.name, doc })];
      })(),
    );
  }
}

interface LookupStage {
  from?: unknown;
  localField?: unknown;
  foreignField?: unknown;
  pipeline?: Array<Record<string, unknown>>;
  as?: unknown;
}

/** A `$match` that needs no pipeline variables, so it can be run against the collection up front. */
function isPlainMatch(match: unknown): boolean {
  return typeof match === 'object' && match !== null && !JSON.stringify(match).includes('$$');
}

function toLogChange(change: PendingChange): Change {
  return change.t === 'put' ? { t: 'put', c: change.c, d: serializeEjson(change.doc) } : change;
}

/** A fresh document id: 32 hex characters, like the platform's. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

function withId(data: Record<string, unknown>): Doc {
  const id = data._id;
  if (id === undefined) return { _id: newId(), ...data };
  if (typeof id !== 'string' || id === '')
    throw new DbError('DATABASE_REQUEST_FAILED', '_id must be a non-empty string');
  return data as Doc;
}

/**
 * mingo answers a `localField` that resolves to an array (`issued.userId` over a joined list) with `[null]`
 * where nothing matches; MongoDB answers `[]`. A joined foreign document is never null, so nulls are dropped.
 */
function withoutNullJoins(docs: unknown[], as: string): unknown[] {
  return docs.map((doc) => {
    const joined = (doc as Record<string, unknown>)[as];
    if (!Array.isArray(joined) || !joined.some((d) => d === null || d === undefined)) return doc;
    return { ...(doc as Record<string, unknown>), [as]: joined.filter((d) => d !== null && d !== undefined) };
  });
}
