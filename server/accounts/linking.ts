import type { LoginResponse } from '../../miniprogram/core/api/account';
import type { Caller } from '../platform/caller';
import { UserKeys } from '../people/user-keys';
import { Repository } from '../platform/repository';
import { UserRepository, type User } from '../people/users';
import { rekeyMovedApplications } from '../people/residence-applications';
import { OWNED_BY_USER } from './owned';
import { profileOf } from './profile';

/**
 * Links the caller's WeChat identity to `account` after a password login (R3): afterwards both
 * ways in reach the same user. The link is one-to-one:
 * - the account is linked to this WeChat already: nothing to do;
 * - it is linked to no WeChat: link it; a WeChat-only user this identity had is folded in
 *   (everything in owned.ts moves, its current site carries over) and removed; an account this
 *   WeChat was linked to is unlinked;
 * - it is linked to another WeChat: nothing changes until the user confirms (`confirmMove`), then
 *   the link moves here and the other WeChat is signed out.
 */
export async function linkWeChat(
  account: User,
  caller: Caller & { openid: string },
  confirmMove: boolean,
  now: Date,
): Promise<LoginResponse> {
  const users = new UserRepository();
  if (account.openid === caller.openid) return { needsConfirmation: false, profile: profileOf(account) };
  if (account.openid && !confirmMove) return { needsConfirmation: true };

  const keys = new UserKeys();
  const _ = users.command();
  // the key first: from here on this WeChat identity is the account's
  await keys.assign('openid', caller.openid, account._id, now);
  if (account.openid) await keys.release('openid', account.openid, account._id);
  const previous = await users.byOpenid(caller.openid);
  const carried: Partial<User> = {};
  if (previous && previous._id !== account._id) {
    if (previous.phone) await users.update(previous._id, { openid: _.remove(), updatedAt: now });
    else {
      // what a WeChat-only user owns moves to the account: one list, so no collection is forgotten
      if (previous.currentSiteId && !account.currentSiteId) carried.currentSiteId = previous.currentSiteId;
      await moveOwned(previous._id, account._id);
      await rekeyMovedApplications(account._id);
      await users.remove(previous._id);
    }
  }
  await users.update(account._id, { openid: caller.openid, ...carried, updatedAt: now });
  return { needsConfirmation: false, profile: profileOf({ ...account, ...carried, openid: caller.openid }) };
}

/** Moves every document of `from` in OWNED_BY_USER to `to`. */
async function moveOwned(from: string, to: string): Promise<void> {
  for (const { collection, field } of OWNED_BY_USER) {
    await new Repository(collection).updateWhere({ [field]: from }, { [field]: to });
  }
}
