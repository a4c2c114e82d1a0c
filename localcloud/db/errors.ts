/**
 * A database refusal, with the code the platform sends on the wire; the SDK maps it to its
 * errCode (`DATABASE_COLLECTION_NOT_EXIST` → -502005, `DATABASE_REQUEST_FAILED` → -502001 …).
 */
export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'INVALID_PARAM';

export const collectionMissing = (name: string) =>
  new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);

/** MongoDB's wording (E11000), which server code may match to tell a duplicate from other failures. */
export const duplicateKey = (collection: string, index: string, key: string) =>
  new DbError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  );
