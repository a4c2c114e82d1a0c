/**
 * What a user key document is, apart from the repository that claims it (user-keys.ts), so that
 * code without the SDK — the demo loader — writes exactly the documents the app writes.
 */

/** The fields no two users may share. */
export type UserKeyKind = 'openid' | 'phone' | 'email' | 'accountId';

/** One claimed value: `_id` is `kind:value` (`phone:13800138000`), held by `userId`. */
export interface UserKey {
  _id: string;
  userId: string;
  createdAt: Date;
}

export function keyOf(kind: UserKeyKind, value: string): string {
  return `${kind}:${value}`;
}

/** The document that claims `kind:value` for `userId`. */
export function userKeyDocument(kind: UserKeyKind, value: string, userId: string, now: Date): UserKey {
  return { _id: keyOf(kind, value), userId, createdAt: now };
}
