import type {
  AdminSpecialActions,
  SpecialMemberEdit,
  SpecialMemberInput,
  SpecialMemberStatus,
  SpecialOrganisationView,
} from '../../miniprogram/core/api/admin-special';
import { administeredSite } from '../people/access';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { SiteRepository, type Site } from '../sites/site';
import {
  facePhotosAllowed,
  MEMBERS_PAGE_SIZE,
  memberFields,
  memberView,
  newInvitation,
  newMemberId,
  specialPhotoFolder,
  SpecialMemberRepository,
  type SpecialMember,
} from './members';
import {
  administeredSites,
  checkedLinks,
  organisationView,
  SpecialOrganisationRepository,
  type SpecialOrganisation,
} from './organisations';

/**
 * 专用通行证设置 (P6) in the back office: what the `admin` function's special-pass actions do. An administrator works
 * at one site (`siteId`, where they must be administrator) and sees the organisations linked to it and their members.
 */

type Response<K extends keyof AdminSpecialActions> = Promise<AdminSpecialActions[K]['response']>;

export async function listOrganisations(context: ActionContext, siteId: string): Response<'specialOrganisations'> {
  await administeredSite(context, siteId);
  const [organisations, linkable] = await Promise.all([
    new SpecialOrganisationRepository().linkedTo(siteId),
    administeredSites(context),
  ]);
  return {
    organisations: await views(organisations),
    linkableSites: linkable.map((s) => ({ id: s._id, name: s.name })),
  };
}

export async function createOrganisation(
  context: ActionContext,
  input: { siteId: string; name: string; siteIds: string[] },
): Response<'createSpecialOrganisation'> {
  await administeredSite(context, input.siteId);
  const siteIds = checkedLinks(input.siteIds, [], input.siteId, await administeredSites(context));
  const me = await context.user();
  const organisation: SpecialOrganisation = {
    _id: newMemberId(),
    name: input.name,
    siteIds,
    createdBy: me._id,
    createdAt: context.now,
    updatedAt: context.now,
  };
  await new SpecialOrganisationRepository().insert(organisation);
  return { organisation: (await views([organisation]))[0] };
}

export async function updateOrganisation(
  context: ActionContext,
  input: { siteId: string; organisationId: string; name: string; siteIds: string[] },
): Response<'updateSpecialOrganisation'> {
  await administeredSite(context, input.siteId);
  const repository = new SpecialOrganisationRepository();
  const before = await repository.servingSite(input.organisationId, input.siteId);
  const siteIds = checkedLinks(input.siteIds, before.siteIds, input.siteId, await administeredSites(context));
  await repository.update(before._id, { name: input.name, siteIds, updatedAt: context.now });
  return { organisation: (await views([{ ...before, name: input.name, siteIds, updatedAt: context.now }]))[0] };
}

export async function listMembers(
  context: ActionContext,
  input: { siteId: string; organisationId?: string; page: number },
): Response<'specialMembers'> {
  const site = await administeredSite(context, input.siteId);
  const organisations = await new SpecialOrganisationRepository().linkedTo(input.siteId);
  const shown = input.organisationId ? organisations.filter((o) => o._id === input.organisationId) : organisations;
  if (input.organisationId && shown.length === 0) throw new AppError('NOT_FOUND', '找不到这个机构');
  const found = await new SpecialMemberRepository().page(
    shown.map((o) => o._id),
    input.page,
  );
  return {
    members: found.slice(0, MEMBERS_PAGE_SIZE).map((m) =>
      memberView(
        m,
        organisations.find((o) => o._id === m.organisationId),
        context.now,
      ),
    ),
    page: input.page,
    hasMore: found.length > MEMBERS_PAGE_SIZE,
    photoFolder: specialPhotoFolder(context.caller.openid),
    facePhotos: facePhotosAllowed(site),
  };
}

export async function createMember(
  context: ActionContext,
  input: { siteId: string; member: SpecialMemberInput },
): Response<'createSpecialMember'> {
  const site = await administeredSite(context, input.siteId);
  const organisation = await new SpecialOrganisationRepository().servingSite(input.member.organisationId, input.siteId);
  const me = await context.user();
  const { code, invitation } = newInvitation(context.now);
  const member: SpecialMember = {
    _id: newMemberId(),
    ...memberFields(input.member, context.caller.openid, facePhotosAllowed(site)),
    phone: input.member.phone,
    status: 'active',
    invitation,
    createdBy: me._id,
    createdAt: context.now,
    updatedAt: context.now,
  };
  await new SpecialMemberRepository().insert(member);
  return { member: memberView(member, organisation, context.now), code };
}

export async function updateMember(
  context: ActionContext,
  input: { siteId: string; memberId: string; member: SpecialMemberEdit },
): Response<'updateSpecialMember'> {
  const { member: before, site } = await memberAtSite(context, input.siteId, input.memberId);
  // moving a member to another organisation: that one must serve this site too
  const organisation = await new SpecialOrganisationRepository().servingSite(input.member.organisationId, input.siteId);
  const fields = memberFields(input.member, context.caller.openid, facePhotosAllowed(site));
  await new SpecialMemberRepository().update(before._id, { ...fields, updatedAt: context.now });
  return { member: memberView({ ...before, ...fields, updatedAt: context.now }, organisation, context.now) };
}

export async function setMemberStatus(
  context: ActionContext,
  input: { siteId: string; memberId: string; status: SpecialMemberStatus },
): Response<'setSpecialMemberStatus'> {
  const { member, organisation } = await memberAtSite(context, input.siteId, input.memberId);
  await new SpecialMemberRepository().update(member._id, { status: input.status, updatedAt: context.now });
  return { member: memberView({ ...member, status: input.status }, organisation, context.now) };
}

export async function renewInvitation(
  context: ActionContext,
  input: { siteId: string; memberId: string },
): Response<'renewSpecialInvitation'> {
  const { member, organisation } = await memberAtSite(context, input.siteId, input.memberId);
  if (member.userId) throw new AppError('CONFLICT', '该成员已绑定微信，无需邀请码');
  const { code, invitation } = newInvitation(context.now);
  // conditional on still being unbound: a bind landing meanwhile keeps its account
  const changed = await new SpecialMemberRepository().updateWhere(
    { _id: member._id, userId: new SiteRepository().command().exists(false) },
    { invitation, updatedAt: context.now },
  );
  if (changed !== 1) throw new AppError('CONFLICT', '该成员已绑定微信，无需邀请码');
  return { member: memberView({ ...member, invitation }, organisation, context.now), code };
}

/** A member of an organisation serving `siteId`, for its administrator; NOT_FOUND for anyone else's. */
async function memberAtSite(
  context: ActionContext,
  siteId: string,
  memberId: string,
): Promise<{ member: SpecialMember; organisation: SpecialOrganisation; site: Site }> {
  const site = await administeredSite(context, siteId);
  const member = await new SpecialMemberRepository().get(memberId);
  const organisation = member && (await new SpecialOrganisationRepository().get(member.organisationId));
  if (!member || !organisation || !organisation.siteIds.includes(siteId)) {
    throw new AppError('NOT_FOUND', '找不到这个成员');
  }
  return { member, organisation, site };
}

async function views(organisations: SpecialOrganisation[]): Promise<SpecialOrganisationView[]> {
  const sites = await new SiteRepository().byIds([...new Set(organisations.flatMap((o) => o.siteIds))]);
  const members = new SpecialMemberRepository();
  return Promise.all(
    organisations.map(async (o) =>
      organisationView(o, sites, await members.count({ organisationId: o._id, status: 'active' })),
    ),
  );
}
