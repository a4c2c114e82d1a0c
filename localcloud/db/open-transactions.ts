/**
 * The database's open transactions and the document locks they hold: each keeps a private working copy of what
 * it wrote (transactions.ts) and takes single-document operations by `_id` only, as the platform's do. Plain
 * writes wait for a lock's holder to end (`untilUnlocked`); a transaction that meets another's lock, or a
 * document changed since it started, is aborted with a write conflict so the SDK retries it.
 */
import type { Collection } from './collection';
import { compile } from './collection';
import type { ModifyOptions, ModifyResult, PendingChange } from './database';
import type { Doc } from './ejson';
import { DbError, duplicateKey } from './errors';
import { Transaction, docKey, writeConflict } from './transactions';
import { applyUpdate, idFromQuery, sameDocument, upsertDocument } from './update';

/** What the transactions need of the database they run in. */
export interface TransactionHost {
  collection(name: string): Collection;
  /** the version of the last committed change: a document changed after a transaction's start conflicts */
  version(): number;
  now(): number;
  /** applies changes all-or-nothing and logs them */
  commit(changes: PendingChange[]): void;
}

export class OpenTransactions {
  private readonly open = new Map<string, Transaction>();
  /** document key → the transaction holding it */
  private readonly locks = new Map<string, Transaction>();

  constructor(private readonly host: TransactionHost) {}

  start(): string {
    const tx = new Transaction(this.host.version(), (expired) =>
      this.end(expired, 'aborted', new DbError('DATABASE_TRANSACTION_FAIL', 'transaction expired')),
    );
    this.open.set(tx.id, tx);
    return tx.id;
  }

  commit(txId: string): void {
    const tx = this.active(txId);
    const changes: PendingChange[] = [...tx.writes.values()].map((w) =>
      w.doc ? { t: 'put', c: w.collection, doc: w.doc } : { t: 'del', c: w.collection, id: w.id },
    );
    try {
      this.host.commit(changes);
    } catch (error) {
      this.end(tx, 'aborted', error instanceof DbError ? error : undefined);
      throw error;
    }
    this.end(tx, 'committed');
  }

  abort(txId: string): void {
    const tx = this.open.get(txId);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `no transaction ${txId}`);
    this.end(tx, 'aborted');
  }

  abortAll(): void {
    for (const tx of this.open.values()) this.end(tx, 'aborted');
  }

  /** What a query inside the transaction sees: its own writes over the committed documents. */
  find(txId: string, name: string, query: Record<string, unknown>): Doc[] {
    const tx = this.active(txId);
    const doc = this.view(tx, name, singleDocumentId(query));
    return doc && compile(query)(doc) ? [doc] : [];
  }

  insert(txId: string, name: string, docs: Doc[]): void {
    const tx = this.active(txId);
    const collection = this.host.collection(name);
    for (const doc of docs) {
      if ((tx.written(name, doc._id) ?? collection.docs.get(doc._id)) != null)
        throw duplicateKey(name, '_id_', doc._id);
      this.stage(tx, name, doc._id, doc);
    }
  }

  modify(
    txId: string,
    name: string,
    query: Record<string, unknown>,
    data: Record<string, unknown>,
    options: ModifyOptions,
  ): ModifyResult {
    const tx = this.active(txId);
    const id = singleDocumentId(query);
    this.assertWritable(tx, name, id);
    const current = this.view(tx, name, id);
    const now = this.host.now();
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

  remove(txId: string, name: string, query: Record<string, unknown>): number {
    const tx = this.active(txId);
    const id = singleDocumentId(query);
    this.assertWritable(tx, name, id);
    const current = this.view(tx, name, id);
    if (!current || !compile(query)(current)) return 0;
    this.stage(tx, name, id, null);
    return 1;
  }

  /**
   * Waits until no open transaction holds a document the write would touch, re-selecting after
   * each wait (the documents may have changed), then returns the ids — with no await between the
   * final selection and the caller's synchronous write.
   */
  async untilUnlocked(name: string, select: () => string[]): Promise<string[]> {
    for (;;) {
      const ids = select();
      const holder = ids.map((id) => this.locks.get(docKey(name, id))).find((tx) => tx !== undefined);
      if (!holder) return ids;
      await holder.finished;
    }
  }

  private active(txId: string): Transaction {
    const tx = this.open.get(txId);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `no transaction ${txId}`);
    tx.assertActive();
    return tx;
  }

  private end(tx: Transaction, state: 'committed' | 'aborted', reason?: DbError): void {
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx) this.locks.delete(key);
    tx.end(state, reason);
    // ended transactions stay answerable for a while so a late commit/abort gets a clear error
    setTimeout(() => this.open.delete(tx.id), 60_000).unref();
  }

  /**
   * A write to a document another transaction holds, or that changed since this one started, is a write conflict —
   * even one that would change nothing now. Reads here see the latest committed document, not a snapshot (docs/
   * localcloud.md), so a write that matches what another transaction just committed was still decided on an older
   * read; MongoDB, writing over its snapshot, refuses it, and so must we (two approvers' identical decisions).
   */
  private assertWritable(tx: Transaction, name: string, id: string): void {
    const holder = this.locks.get(docKey(name, id));
    const changedSinceStart = (this.host.collection(name).versions.get(id) ?? 0) > tx.startVersion;
    if ((holder && holder !== tx) || (!holder && changedSinceStart)) {
      const conflict = writeConflict(name, id);
      this.end(tx, 'aborted', conflict);
      throw conflict;
    }
  }

  /** Records a transaction's write in its working copy, after taking the document's lock. */
  private stage(tx: Transaction, name: string, id: string, doc: Doc | null): void {
    const key = docKey(name, id);
    this.assertWritable(tx, name, id);
    if (doc) {
      const clash = this.host.collection(name).uniqueConflict(doc);
      if (clash) throw clash;
    }
    this.locks.set(key, tx);
    tx.writes.set(key, { collection: name, id, doc });
  }

  private view(tx: Transaction, name: string, id: string): Doc | undefined {
    const written = tx.written(name, id);
    if (written !== undefined) return written ?? undefined;
    return this.host.collection(name).docs.get(id);
  }
}

/** Transactions take single-document operations only (by `_id`), as the platform's do. */
function singleDocumentId(query: Record<string, unknown>): string {
  const id = idFromQuery(query);
  if (id === undefined)
    throw new DbError('DATABASE_REQUEST_FAILED', 'transactions support single-document operations by _id only');
  return id;
}
