import type { HouseResidentView } from '../../miniprogram/core/api/admin-houses';
import { shanghaiDate } from '../../miniprogram/core/time';
import { maskPhone } from '../accounts/profile';
import { AppError } from '../platform/errors';
import { MembershipRepository, UserRepository } from './users';

/** A house has a family or a few tenants, never hundreds. */
const MAX_RESIDENTS = 100;

/** 住户 of a house, for its administrators: the name the property knows them by and the phone masked. */
export async function residentsOf(siteId: string, houseId: string): Promise<HouseResidentView[]> {
  const memberships = await new MembershipRepository().find(
    { siteId, houseId, role: 'resident', status: 'active' },
    { orderBy: [['createdAt', 'asc']], limit: MAX_RESIDENTS },
  );
  if (memberships.length === 0) return [];
  const users = new UserRepository();
  const people = await users.find(
    { _id: users.command().in(memberships.map((m) => m.userId)) },
    { limit: MAX_RESIDENTS },
  );
  const byId = new Map(people.map((user) => [user._id, user]));
  return memberships.map((membership) => {
    const user = byId.get(membership.userId);
    return {
      membershipId: membership._id,
      name: user?.name ?? user?.nickname ?? '未登记姓名',
      ...(user?.phone ? { maskedPhone: maskPhone(user.phone) } : {}),
      since: shanghaiDate(new Date(membership.createdAt)),
    };
  });
}

/**
 * Ends a residence: the membership is revoked (kept, so records still say whose it was), and the person's next
 * resident pass at the site is refused. Revoking one already revoked is NOT_FOUND, so a second tap changes nothing.
 */
export async function removeResident(siteId: string, houseId: string, membershipId: string, now: Date): Promise<void> {
  const removed = await new MembershipRepository().updateWhere(
    { _id: membershipId, siteId, houseId, role: 'resident', status: 'active' },
    { status: 'revoked', revokedAt: now },
  );
  if (removed !== 1) throw new AppError('NOT_FOUND', '该住户不存在或已移除');
}
