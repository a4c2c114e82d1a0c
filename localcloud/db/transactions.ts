import { randomBytes } from 'node:crypto';
import type { Doc } from './ejson';
import { DbError } from './errors';

/** A transaction not committed or aborted within this time is aborted (MongoDB's default lifetime is 60 s). */
export const TRANSACTION_LIFETIME_MS = 30_000;

export const docKey = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * One open transaction: its private working copy (the documents it wrote, or null for removed),
 * the database version it started at, and a promise that settles when it ends, which plain
 * writes to a document it holds wait on — as MongoDB makes them wait for the transaction's lock.
 */
export class Transaction {
  readonly id = `tx-${randomBytes(12).toString('hex')}`;
  readonly writes = new Map<string, { collection: string; id: string; doc: Doc | null }>();
  state: 'active' | 'committed' | 'aborted' = 'active';
  abortReason: DbError | undefined;
  readonly finished: Promise<void>;
  private finish!: () => void;
  readonly expiry: NodeJS.Timeout;

  constructor(
    readonly startVersion: number,
    onExpire: (tx: Transaction) => void,
  ) {
    this.finished = new Promise((resolve) => (this.finish = resolve));
    this.expiry = setTimeout(() => onExpire(this), TRANSACTION_LIFETIME_MS);
    this.expiry.unref();
  }

  /** The transaction's own view of a document, if it wrote it: the doc, null if removed, undefined if untouched. */
  written(collection: string, id: string): Doc | null | undefined {
    return this.writes.get(docKey(collection, id))?.doc;
  }

  end(state: 'committed' | 'aborted', reason?: DbError): void {
    if (this.state !== 'active') return;
    this.state = state;
    this.abortReason = reason;
    clearTimeout(this.expiry);
    this.finish();
  }

  /** Refuses work on a transaction that has ended; a conflict-aborted one answers with its conflict so the SDK retries. */
  assertActive(): void {
    if (this.state === 'active') return;
    if (this.abortReason) throw this.abortReason;
    throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${this.id} is already ${this.state}`);
  }
}

export const writeConflict = (collection: string, id: string) =>
  new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `WriteConflict: document ${id} in ${collection} was changed by another write`,
  );
