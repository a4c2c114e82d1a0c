/** The `admin` function's 专用通行证设置 (P6) actions for the back-office pages: organisations and their members. */
import type {
  AdminSpecialActions,
  SpecialMemberEdit,
  SpecialMemberInput,
  SpecialMemberStatus,
} from '../../../core/api/admin-special';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

type Response<A extends keyof AdminSpecialActions> = Promise<Envelope<AdminSpecialActions[A]['response']>>;

const admin = cloudFunction<AdminSpecialActions>('admin');

export function listOrganisations(siteId: string): Response<'specialOrganisations'> {
  return admin.query('specialOrganisations', { siteId });
}

export function saveOrganisation(
  siteId: string,
  organisationId: string | undefined,
  name: string,
  siteIds: string[],
): Response<'createSpecialOrganisation'> {
  return organisationId
    ? admin.mutate('updateSpecialOrganisation', { siteId, organisationId, name, siteIds })
    : admin.mutate('createSpecialOrganisation', { siteId, name, siteIds });
}

export function listMembers(siteId: string, page: number, organisationId?: string): Response<'specialMembers'> {
  return admin.query('specialMembers', { siteId, page, ...(organisationId ? { organisationId } : {}) });
}

export function createMember(siteId: string, member: SpecialMemberInput): Response<'createSpecialMember'> {
  return admin.mutate('createSpecialMember', { siteId, member });
}

export function updateMember(
  siteId: string,
  memberId: string,
  member: SpecialMemberEdit,
): Response<'updateSpecialMember'> {
  return admin.mutate('updateSpecialMember', { siteId, memberId, member });
}

export function setMemberStatus(
  siteId: string,
  memberId: string,
  status: SpecialMemberStatus,
): Response<'setSpecialMemberStatus'> {
  return admin.mutate('setSpecialMemberStatus', { siteId, memberId, status });
}

export function renewInvitation(siteId: string, memberId: string): Response<'renewSpecialInvitation'> {
  return admin.mutate('renewSpecialInvitation', { siteId, memberId });
}
