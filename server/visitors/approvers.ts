import type { VisitorSettings } from '../../miniprogram/core/api/visitor';
import { AppError } from '../platform/errors';
import { MembershipRepository, UserRepository, type User } from '../people/users';
import { HouseRepository, type House } from '../sites/house';

/**
 * Who approves a booking (P7; docs/api.md says the same): the host resident — a resident of the site whose account
 * phone is the 受访人电话 the visitor gave — and the site's administrators when the site says `adminsApprove`, or
 * when no resident of the site has that phone, so a booking is never left without anyone who may decide it.
 * A resident's invitation that the site does not let through at once goes to the administrators only: the host
 * approving their own invitation would be no approval at all.
 */
export interface HostResident {
  user: User;
  house: House;
}

/** The resident of `siteId` with this phone, and their house; undefined when there is none. */
export async function hostResident(siteId: string, phone: string): Promise<HostResident | undefined> {
  const user = await new UserRepository().byLogin('phone', phone);
  if (!user) return undefined;
  const roles = await new MembershipRepository().activeAt(user._id, siteId);
  const resident = roles.find((m) => m.role === 'resident' && m.houseId);
  const house = resident?.houseId ? await new HouseRepository().get(resident.houseId) : null;
  return house ? { user, house } : undefined;
}

/** The site's active administrators. */
export async function siteAdmins(siteId: string): Promise<User[]> {
  const admins = await new MembershipRepository().find({ siteId, role: 'admin', status: 'active' }, { limit: 50 });
  const users = new UserRepository();
  const ids = [...new Set(admins.map((m) => m.userId))];
  if (ids.length === 0) return [];
  return users.find({ _id: users.command().in(ids) }, { limit: 50 });
}

/** The approvers of a booking whose host is `host` (or nobody found). */
export async function bookingApprovers(
  siteId: string,
  settings: VisitorSettings,
  host: HostResident | undefined,
): Promise<User[]> {
  const admins = host && !settings.adminsApprove ? [] : await siteAdmins(siteId);
  const approvers = [...(host ? [host.user] : []), ...admins.filter((a) => a._id !== host?.user._id)];
  if (approvers.length === 0) throw new AppError('NOT_FOUND', '未找到受访人，且该场区暂无审核人，请联系物业');
  return approvers;
}

/** The approvers of an invitation the site does not let through at once: its administrators. */
export async function invitationApprovers(siteId: string): Promise<User[]> {
  const admins = await siteAdmins(siteId);
  if (admins.length === 0) throw new AppError('FORBIDDEN', '该场区暂无审核人，请联系物业');
  return admins;
}
