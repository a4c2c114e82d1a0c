/**
 * The `admin` function's 工作人员 (X2) and 有效通行证 (X4) actions for the back-office pages. The other back-office
 * areas have their own service files; all of them call the same function.
 */
import type { ActivePassKind, AdminPassesActions } from '../../../core/api/admin-passes';
import type { AdminStaffActions, StaffRole } from '../../../core/api/admin-staff';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

type Actions = AdminStaffActions & AdminPassesActions;
type Response<A extends keyof Actions> = Promise<Envelope<Actions[A]['response']>>;

const admin = cloudFunction<Actions>('admin');

export function listStaff(siteId: string): Response<'staff'> {
  return admin.query('staff', { siteId });
}

export function grantRole(siteId: string, phone: string, role: StaffRole): Response<'grantRole'> {
  return admin.mutate('grantRole', { siteId, phone, role });
}

export function revokeRole(siteId: string, membershipId: string): Response<'revokeRole'> {
  return admin.mutate('revokeRole', { siteId, membershipId });
}

export function createInvitation(siteId: string, role: StaffRole): Response<'createInvitation'> {
  return admin.mutate('createInvitation', { siteId, role });
}

export function revokeInvitation(siteId: string, invitationId: string): Response<'revokeInvitation'> {
  return admin.mutate('revokeInvitation', { siteId, invitationId });
}

export function listActivePasses(siteId: string, kind: ActivePassKind, page: number): Response<'activePasses'> {
  return admin.query('activePasses', { siteId, kind, page });
}

export function revokePass(siteId: string, kind: ActivePassKind, id: string): Response<'revokePass'> {
  return admin.mutate('revokePass', { siteId, kind, id });
}

export function restorePass(siteId: string, id: string): Response<'restorePass'> {
  return admin.mutate('restorePass', { siteId, id });
}
