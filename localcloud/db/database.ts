import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { aggregate as runPipeline, find as project } from 'mingo';
import type { Clock } from '../types';
import { Collection, compile } from './collection';
import { valuesAt } from './indexes';
import { deserializeEjson, serializeEjson, type Doc } from './ejson';
import { DbError, collectionMissing, duplicateKey } from './errors';
import { ChangeLog, type Change } from './log';
import { readManifest, type CollectionManifest } from './manifest';
import { Transaction, docKey, writeConflict } from './transactions';
import { applyUpdate, upsertDocument } from './update';

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
type PendingChange = { t: 'put'; c: string; doc: Doc } | { t: 'del'; c: string; id: string };

/**
 * Localcloud's database: collections in memory, every acknowledged write in an append-only log
 * (log.ts), queries and updates executed by mingo. JavaScript runs one request handler at a time,
 * so a read-check-write done without awaiting in between is atomic: that is what makes a
 * conditional single-document update exact under concurrent calls. Transactions keep a private
 * working copy and lock what they write (transactions.ts).
 */
export class Database {
  private readonly collections = new Map<string, Collection>();
  private readonly transactions = new Map<string, Transaction>();
  /** document key → the transaction holding it */
  private readonly locks = new Map<string, Transaction>();
  private version = 0;
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
    for (const tx of this.transactions.values()) this.endTransaction(tx, 'aborted');
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
    const tx = txId === undefined ? undefined : this.activeTransaction(txId);
    const matched = tx ? this.matchInTransaction(tx, name, query) : this.collection(name).match(query);
    let cursor = project(matched, {}, options.projection as never);
    if (options.order && Object.keys(options.order).length > 0) cursor = cursor.sort(options.order);
    if (options.offset) cursor = cursor.skip(options.offset);
    cursor = cursor.limit(Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
    return cursor.all() as Doc[];
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
      const tx = this.activeTransaction(txId);
      for (const doc of prepared) {
        if ((tx.written(name, doc._id) ?? collection.docs.get(doc._id)) != null)
          throw duplicateKey(name, '_id_', doc._id);
        this.stage(tx, name, doc._id, doc);
      }
      return prepared.map((d) => d._id);
    }
    await this.untilUnlocked(name, () => prepared.map((d) => d._id));
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
    if (txId !== undefined) return this.modifyInTransaction(this.activeTransaction(txId), name, query, data, options);
    const collection = this.collection(name);
    const targets = await this.untilUnlocked(name, () => {
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
    if (txId !== undefined) {
      const tx = this.activeTransaction(txId);
      const id = this.singleDocumentId(query);
      const current = this.viewInTransaction(tx, name, id);
      if (!current || !compile(query)(current)) return 0;
      this.stage(tx, name, id, null);
      return 1;
    }
    const collection = this.collection(name);
    const targets = await this.untilUnlocked(name, () => {
      const matched = collection.match(query);
      return (multi ? matched : matched.slice(0, 1)).map((d) => d._id);
    });
    this.commit(targets.map((id) => ({ t: 'del', c: name, id })));
    return targets.length;
  }

  // ---- transactions ------------------------------------------------------------------------

  startTransaction(): string {
    const tx = new Transaction(this.version, (expired) =>
      this.endTransaction(expired, 'aborted', new DbError('DATABASE_TRANSACTION_FAIL', 'transaction expired')),
    );
    this.transactions.set(tx.id, tx);
    return tx.id;
  }

  commitTransaction(txId: string): void {
    const tx = this.activeTransaction(txId);
    const changes: PendingChange[] = [...tx.writes.values()].map((w) =>
      w.doc ? { t: 'put', c: w.collection, doc: w.doc } : { t: 'del', c: w.collection, id: w.id },
    );
    try {
      this.commit(changes);
    } catch (error) {
      this.endTransaction(tx, 'aborted', error instanceof DbError ? error : undefined);
      throw error;
    }
    this.endTransaction(tx, 'committed');
  }

  abortTransaction(txId: string): void {
    const tx = this.transactions.get(txId);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `no transaction ${txId}`);
    this.endTransaction(tx, 'aborted');
  }

  private activeTransaction(txId: string): Transaction {
    const tx = this.transactions.get(txId);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `no transaction ${txId}`);
    tx.assertActive();
    return tx;
  }

  private endTransaction(tx: Transaction, state: 'committed' | 'aborted', reason?: DbError): void {
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx) this.locks.delete(key);
    tx.end(state, reason);
    // ended transactions stay answerable for a while so a late commit/abort gets a clear error
    setTimeout(() => this.transactions.delete(tx.id), 60_000).unref();
  }

  /** Records a transaction's write in its working copy, after taking the document's lock. */
  private stage(tx: Transaction, name: string, id: string, doc: Doc | null): void {
    const key = docKey(name, id);
    const holder = this.locks.get(key);
    const changedSinceStart = (this.collection(name).versions.get(id) ?? 0) > tx.startVersion;
    if ((holder && holder !== tx) || (!holder && changedSinceStart)) {
      const conflict = writeConflict(name, id);
      this.endTransaction(tx, 'aborted', conflict);
      throw conflict;
    }
    if (doc) {
      const clash = this.collection(name).uniqueConflict(doc);
      if (clash) throw clash;
    }
    this.locks.set(key, tx);
    tx.writes.set(key, { collection: name, id, doc });
  }

  private viewInTransaction(tx: Transaction, name: string, id: string): Doc | undefined {
    const written = tx.written(name, id);
    if (written !== undefined) return written ?? undefined;
    return this.collection(name).docs.get(id);
  }

  private matchInTransaction(tx: Transaction, name: string, query: Record<string, unknown>): Doc[] {
    const doc = this.viewInTransaction(tx, name, this.singleDocumentId(query));
    return doc && compile(query)(doc) ? [doc] : [];
  }

  private modifyInTransaction(
    tx: Transaction,
    name: string,
    query: Record<string, unknown>,
    data: Record<string, unknown>,
    options: ModifyOptions,
  ): ModifyResult {
    const id = this.singleDocumentId(query);
    const current = this.viewInTransaction(tx, name, id);
    const now = this.now();
    if (!current || !compile(query)(current)) {
      if (!options.upsert) return { updated: 0 };
      const doc = upsertDocument(id, query, data, options.merge, now);
      this.stage(tx, name, id, doc);
      return { updated: 0, upsertedId: id, doc };
    }
    const after = applyUpdate(current, data, options.merge, now);
    if (after === current || sameDocument(current, after)) return { updated: 0, doc: current };
    this.stage(tx, name, id, after);
    return { updated: 1, doc: after };
  }

  /** Transactions take single-document operations only (by `_id`), as the platform's do. */
  private singleDocumentId(query: Record<string, unknown>): string {
    const id = idFromQuery(query);
    if (id === undefined)
      throw new DbError('DATABASE_REQUEST_FAILED', 'transactions support single-document operations by _id only');
    return id;
  }

  /**
   * Waits until no open transaction holds a document the write would touch, re-selecting after
   * each wait (the documents may have changed), then returns the ids — with no await between the
   * final selection and the caller's synchronous write.
   */
  private async untilUnlocked(name: string, select: () => string[]): Promise<string[]> {
    for (;;) {
      const ids = select();
      const holder = ids.map((id) => this.locks.get(docKey(name, id))).find((tx) => tx !== undefined);
      if (!holder) return ids;
      await holder.finished;
    }
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

function idFromQuery(query: Record<string, unknown>): string | undefined {
  const id = query._id;
  if (typeof id === 'string') return id;
  if (typeof id === 'object' && id !== null && typeof (id as { $eq?: unknown }).$eq === 'string')
    return (id as { $eq: string }).$eq;
  return undefined;
}

function sameDocument(a: Doc, b: Doc): boolean {
  return JSON.stringify(serializeEjson(a)) === JSON.stringify(serializeEjson(b));
}
