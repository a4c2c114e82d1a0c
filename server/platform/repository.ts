import { database } from './cloud';
import type { Database } from './db-types';

/** Every stored document has a string `_id`. */
export interface Stored {
  _id: string;
}

export interface FindOptions {
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>;
  skip?: number;
  /** at most 1000 (the platform's limit); default 100 */
  limit?: number;
}

/**
 * The repository style every feature follows: one small class per collection over
 * `cloud.database()`, named in the domain's words, returning plain typed documents. Conditions
 * are built by the repository from validated input — never passed through from a request — so a
 * client cannot put a query operator into them.
 */
export class Repository<T extends Stored> {
  constructor(readonly collectionName: string) {}

  protected db(): Database {
    return database();
  }

  protected collection() {
    return this.db().collection(this.collectionName);
  }

  /** Query and update commands (`_.lt`, `_.inc`, `_.remove` …) for conditions and patches. */
  command() {
    return this.db().command;
  }

  /** The document, or null when there is none (one database call; no exception for a miss). */
  async get(id: string): Promise<T | null> {
    const { data } = await this.collection().where({ _id: id }).limit(1).get<T>();
    return data[0] ?? null;
  }

  async findOne(where: object): Promise<T | null> {
    const { data } = await this.collection().where(where).limit(1).get<T>();
    return data[0] ?? null;
  }

  async find(where: object, options: FindOptions = {}): Promise<T[]> {
    let query = this.collection().where(where);
    for (const [field, direction] of options.orderBy ?? []) query = query.orderBy(field, direction);
    if (options.skip) query = query.skip(options.skip);
    query = query.limit(options.limit ?? 100);
    return (await query.get<T>()).data;
  }

  async count(where: object): Promise<number> {
    return (await this.collection().where(where).count()).total;
  }

  /** Inserts and returns the id (the given `_id`, or a generated one). */
  async insert(doc: Omit<T, '_id'> & { _id?: string }): Promise<string> {
    return (await this.collection().add({ data: doc }))._id;
  }

  /** Applies `patch` (fields or update commands) to one document; true when it changed. */
  async update(id: string, patch: object): Promise<boolean> {
    return (await this.collection().doc(id).update({ data: patch })).stats.updated > 0;
  }

  /**
   * Applies `patch` to every document matching `where`, atomically per document; returns how
   * many changed. With a condition in `where` this is the single-use / quota primitive:
   * `updateWhere({_id, status: 'active'}, {status: 'used'}) === 1` only for the one winner.
   */
  async updateWhere(where: object, patch: object): Promise<number> {
    return (await this.collection().where(where).update({ data: patch })).stats.updated;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.collection().doc(id).remove()).stats.removed > 0;
  }
}
