import { createHash } from 'node:crypto';
import { database } from '../platform/cloud';
import type { Membership, ObserverDetails, User } from './users';

/**
 * The observer membership (观察员, P11) an accepted invitation makes (server/people/invitations.ts); the rest of
 * the observers' story is server/people/observers.ts.
 */

/** An observer membership's id is fixed by site and person: a second invitation accepted replaces the first. */
export function observerMembershipId(siteId: string, userId: string): string {
  return `observer-${createHash('sha256').update(`${siteId}\n${userId}`).digest('hex').slice(0, 32)}`;
}

/** Makes (or makes again) `user` an observer of the site with `details`. */
export async function giveObserverRole(
  siteId: string,
  user: User,
  details: ObserverDetails,
  now: Date,
): Promise<Membership> {
  const membership: Membership = {
    _id: observerMembershipId(siteId, user._id),
    userId: user._id,
    siteId,
    role: 'observer',
    status: 'active',
    createdAt: now,
    observer: details,
  };
  const { _id, ...fields } = membership;
  await database().collection('memberships').doc(_id).set({ data: fields });
  return membership;
}
