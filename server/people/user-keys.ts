import { AppError, isDuplicateKey } from '../platform/errors';
import { Repository } from '../platform/repository';
import { keyOf, userKeyDocument, type UserKey, type UserKeyKind } from './unique-keys';

export type { UserKeyKind };

/**
 * Uniqueness of users' optional fields, one document per value with the value in its `_id`
 * (`phone:13800138000`). The platform's unique indexes treat a missing field as null and have no
 * sparse option, so a unique index on `phone` would allow only one user without a phone; `_id`
 * is unique everywhere. Each key is claimed before the field is written and released after it is
 * removed, so the key always covers the field.
 */
export class UserKeys extends Repository<UserKey> {
  constructor() {
    super('userKeys');
  }

  /** Claims `kind:value` for `userId`; false when another user holds it. */
  async claim(kind: UserKeyKind, value: string, userId: string, now: Date): Promise<boolean> {
    try {
      await this.insert(userKeyDocument(kind, value, userId, now));
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.owner(kind, value)) === userId;
    }
  }

  /** Claims every key or none: a clash releases what this call had claimed and throws CONFLICT. */
  async claimAll(keys: Array<[UserKeyKind, string]>, userId: string, now: Date, clash: string): Promise<void> {
    const claimed: Array<[UserKeyKind, string]> = [];
    for (const [kind, value] of keys) {
      if (!(await this.claim(kind, value, userId, now))) {
        for (const [k, v] of claimed) await this.release(k, v, userId);
        throw new AppError('CONFLICT', clash);
      }
      claimed.push([kind, value]);
    }
  }

  async owner(kind: UserKeyKind, value: string): Promise<string | null> {
    return (await this.get(keyOf(kind, value)))?.userId ?? null;
  }

  /** Gives `kind:value` to `userId` whoever held it (moving a WeChat link between users). */
  async assign(kind: UserKeyKind, value: string, userId: string, now: Date): Promise<void> {
    if (!(await this.claim(kind, value, userId, now))) await this.updateWhere({ _id: keyOf(kind, value) }, { userId });
  }

  /** Releases `kind:value` if `userId` holds it. */
  async release(kind: UserKeyKind, value: string, userId: string): Promise<void> {
    await this.collection()
      .where({ _id: keyOf(kind, value), userId })
      .remove();
  }
}
