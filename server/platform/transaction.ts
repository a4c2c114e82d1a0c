import type { TransactionScope } from './db-types';
import { database } from './cloud';
import { AppError } from './errors';

/**
 * Runs `work` in a transaction (the SDK runs it again after a write conflict, where it finds the other writer's
 * result); one the database keeps refusing — a conflict, or a duplicate key from a first insert that met another —
 * is CONFLICT with the caller's words for "someone else is handling it".
 */
export async function inTransaction<T>(busy: string, work: (tx: TransactionScope) => Promise<T>): Promise<T> {
  try {
    return await database().runTransaction(work, 5);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (/conflict|duplicate/i.test(String((error as { message?: unknown })?.message ?? error))) {
      throw new AppError('CONFLICT', busy);
    }
    throw error;
  }
}

/**
 * A document read inside a transaction, or null: wx-server-sdk answers `get` of a missing document with an error
 * (`document with _id … does not exist`), in a transaction as outside one.
 */
export async function readInTransaction<T extends { _id: string }>(
  tx: TransactionScope,
  collection: string,
  id: string,
): Promise<T | null> {
  try {
    const { data } = await tx.collection(collection).doc(id).get<Omit<T, '_id'>>();
    return data ? ({ ...data, _id: id } as T) : null;
  } catch (error) {
    const message = (error as { errMsg?: unknown } | null)?.errMsg ?? String(error);
    if (typeof message === 'string' && message.includes('does not exist')) return null;
    throw error;
  }
}
