import { ACTIVE_PASSES_PAGE, type ActivePassKind, type ActivePassView } from '../../miniprogram/core/api/admin-passes';
import { AppError } from '../platform/errors';
import { MembershipRepository, UserRepository, type Membership } from '../people/users';
import { HouseRepository } from '../sites/house';
import { VisitRepository, type VisitDocument } from '../visitors/visits';
import { AccessRecords, UNNAMED_HOLDER, releaseRecordId } from './access-records';

/**
 * 有效通行证 (X4): what an administrator sees of the passes in force at a site, and 收回.
 *
 * What revoking means (core/api/admin-passes.ts says it for the page too): a resident's pass is re-issued at every
 * refresh of the home screen, so revoking one code would hold for ten minutes at most. It is the resident's
 * membership that carries the revocation (`passRevoked`): no new code is issued (pass.residentPass), a code already
 * on a screen is refused at the guard's scan and at the QR door (release.ts `eligibility`), and shake-to-open opens
 * nothing — each refusal PASS_REVOKED, recorded — until an administrator lifts it. A visitor pass is one code for
 * one visit; revoking it marks the visit's pass, for good.
 */

export async function activePasses(
  siteId: string,
  kind: ActivePassKind,
  page: number,
  now: Date,
): Promise<{ passes: ActivePassView[]; page: number; hasMore: boolean }> {
  const skip = (page - 1) * ACTIVE_PASSES_PAGE;
  // one more than a page says whether another follows
  const passes = kind === 'resident' ? await residentPasses(siteId, skip) : await visitorPasses(siteId, skip, now);
  return { passes: passes.slice(0, ACTIVE_PASSES_PAGE), page, hasMore: passes.length > ACTIVE_PASSES_PAGE };
}

async function residentPasses(siteId: string, skip: number): Promise<ActivePassView[]> {
  const memberships = await new MembershipRepository().find(
    { siteId, role: 'resident', status: 'active' },
    {
      orderBy: [
        ['createdAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip,
      limit: ACTIVE_PASSES_PAGE + 1,
    },
  );
  const users = new UserRepository();
  const houses = new HouseRepository();
  const userIds = [...new Set(memberships.map((m) => m.userId))];
  const houseIds = [...new Set(memberships.flatMap((m) => (m.houseId ? [m.houseId] : [])))];
  const [people, homes] = await Promise.all([
    userIds.length ? users.find({ _id: users.command().in(userIds) }, { limit: 100 }) : [],
    houseIds.length ? houses.find({ _id: houses.command().in(houseIds) }, { limit: 100 }) : [],
  ]);
  const name = new Map(people.map((u) => [u._id, u.name ?? u.nickname ?? UNNAMED_HOLDER]));
  const label = new Map(homes.map((h) => [h._id, h.label]));
  return memberships.map((m) => ({
    kind: 'resident' as const,
    id: m._id,
    holder: name.get(m.userId) ?? UNNAMED_HOLDER,
    ...(m.houseId && label.has(m.houseId) ? { house: label.get(m.houseId) } : {}),
    revoked: m.passRevoked !== undefined,
  }));
}

/** Approved visits whose pass is still to be used, not revoked and not yet over. */
async function visitorPasses(siteId: string, skip: number, now: Date): Promise<ActivePassView[]> {
  const visits = new VisitRepository();
  const _ = visits.command();
  const found = await visits.find(
    { siteId, status: 'approved', endsAt: _.gt(now), passId: _.exists(true), passRevoked: _.exists(false) },
    {
      orderBy: [
        ['endsAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip,
      limit: ACTIVE_PASSES_PAGE + 1,
    },
  );
  const records = new AccessRecords();
  const used = found.length
    ? await records.find(
        { _id: records.command().in(found.map((v) => releaseRecordId(v.passId as string))) },
        { limit: 100 },
      )
    : [];
  const usedIds = new Set(used.map((r) => r._id));
  return found
    .filter((v) => !usedIds.has(releaseRecordId(v.passId as string)))
    .map((v) => ({
      kind: 'visitor' as const,
      id: v._id,
      holder: v.visitor.name,
      ...(v.host.houseLabel ? { house: v.host.houseLabel } : {}),
      host: v.host.name,
      validFrom: new Date(v.startsAt).toISOString(),
      validUntil: new Date(v.endsAt).toISOString(),
      revoked: false,
    }));
}

/** 收回: the resident's passes at the site until lifted, or the visit's pass for good. */
export async function revokePass(siteId: string, kind: ActivePassKind, id: string, byId: string, now: Date) {
  const revocation = { at: now, byId };
  if (kind === 'resident') {
    const membership = await residentMembership(siteId, id);
    if (!membership.passRevoked) await new MembershipRepository().update(membership._id, { passRevoked: revocation });
    return;
  }
  const visits = new VisitRepository();
  const visit: VisitDocument | null = await visits.get(id);
  if (!visit || visit.siteId !== siteId || !visit.passId || visit.status !== 'approved') {
    throw new AppError('NOT_FOUND', '找不到这张访客通行证');
  }
  if (!visit.passRevoked) await visits.update(visit._id, { passRevoked: revocation, updatedAt: now });
}

/** Lifts a resident's revocation. */
export async function restorePass(siteId: string, id: string): Promise<void> {
  const memberships = new MembershipRepository();
  const membership = await residentMembership(siteId, id);
  await memberships.update(membership._id, { passRevoked: memberships.command().remove() });
}

async function residentMembership(siteId: string, id: string): Promise<Membership> {
  const membership = await new MembershipRepository().get(id);
  if (!membership || membership.siteId !== siteId || membership.role !== 'resident' || membership.status !== 'active') {
    throw new AppError('NOT_FOUND', '找不到这位住户的通行证');
  }
  return membership;
}
