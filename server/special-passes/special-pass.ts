import {
  RESIDENT_PASS_LIFETIME_S,
  RESIDENT_PASS_REFRESH_BEFORE_S,
  type PassActions,
  type SpecialPassResponse,
} from '../../miniprogram/core/api/pass';
import type { ResidentPassSettings } from '../../miniprogram/core/pass-rules';
import { AccessRecords, accessRecord } from '../passes/access-records';
import { newPassId, signPass } from '../passes/pass-codes';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { residentPassSettings, SiteRepository, type Site } from '../sites/site';
import { memberRefusal, NOT_LINKED, SpecialMemberRepository, type SpecialMember } from './members';
import { SpecialOrganisationRepository, type SpecialOrganisation } from './organisations';

/**
 * 专用通行证 (P6) as its member holds it: bound once with the invitation code, then a signed TX2 code of type
 * `special` for one linked community at a time, living 10 minutes like a resident's (the page refreshes it) and void
 * after one release. Its issue record names the member (`memberId`), so the gate reads the member and their
 * organisation in the same one database call as any pass (server/passes/context.ts) and refuses a disabled member,
 * one past their period (PASS_EXPIRED with the date), or a community the organisation no longer serves.
 */

/** The invitation code's member, bound to the caller. */
export async function bindSpecialMember(
  context: ActionContext,
  { code }: { code: string },
): Promise<PassActions['bindSpecialMember']['response']> {
  const user = await context.user();
  const member = await new SpecialMemberRepository().bind(code, user._id, context.now);
  const organisation = await new SpecialOrganisationRepository().get(member.organisationId);
  const sites = await new SiteRepository().byIds(organisation?.siteIds ?? []);
  return { organisation: organisation?.name ?? '', name: member.name, validTo: member.validTo, sites: siteList(sites) };
}

export async function specialPass(
  context: ActionContext,
  { siteId }: { siteId?: string },
): Promise<SpecialPassResponse> {
  const { now } = context;
  const user = await context.user();
  const members = await new SpecialMemberRepository().boundTo(user._id);
  if (members.length === 0) throw new AppError('FORBIDDEN', '您还没有专用通行证，请用物业给的邀请码绑定');
  const organisations = await new SpecialOrganisationRepository().find(
    { _id: new SiteRepository().command().in([...new Set(members.map((m) => m.organisationId))]) },
    { limit: 20 },
  );
  const linked = [...new Set(organisations.flatMap((o) => o.siteIds))];
  const sites = await new SiteRepository().byIds(linked);
  const wanted = siteId ?? (user.currentSiteId && linked.includes(user.currentSiteId) ? user.currentSiteId : linked[0]);
  const site = sites.find((s) => s._id === wanted);
  // the member whose organisation serves the wanted site; an active one first, so a disabled old record stays quiet
  const candidates = members
    .map((member) => ({ member, organisation: organisations.find((o) => o._id === member.organisationId) }))
    .filter(({ organisation }) => wanted !== undefined && organisation?.siteIds.includes(wanted));
  const chosen = candidates.find(({ member }) => member.status === 'active') ?? candidates[0];
  if (!site || !chosen) throw new AppError('FORBIDDEN', NOT_LINKED);
  const refusal = memberRefusal(chosen.member, chosen.organisation, site._id, now);
  if (refusal) throw refusal;

  const passId = newPassId();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + RESIDENT_PASS_LIFETIME_S;
  const code = signPass({ typ: 'special', jti: passId, site: site._id, nbf: issuedAt, exp: expiresAt });
  await new AccessRecords().add(
    accessRecord.issue({
      siteId: site._id,
      at: now,
      actor: { kind: 'resident', id: user._id },
      pass: { id: passId, type: 'special' },
      holder: { id: user._id, name: chosen.member.name },
      special: { memberId: chosen.member._id, organisation: chosen.organisation?.name ?? '' },
    }),
  );
  return {
    passId,
    code,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    refreshAt: new Date((expiresAt - RESIDENT_PASS_REFRESH_BEFORE_S) * 1000).toISOString(),
    site: { id: site._id, name: site.name },
    sites: siteList(sites),
    holder: chosen.member.name,
    organisation: chosen.organisation?.name ?? '',
    validTo: chosen.member.validTo,
  };
}

function siteList(sites: Site[]): Array<{ id: string; name: string }> {
  return sites.map((s) => ({ id: s._id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** A 专用通行证 that may go through: its member and organisation; no exit quota; the site's temperature rule (P3). */
export interface SpecialEligible {
  kind: 'special';
  site: Site;
  member: SpecialMember;
  organisation: SpecialOrganisation;
  settings: ResidentPassSettings;
}

/** The gate's check of a special pass (release.ts eligibility): the member's refusal, or what lets them through. */
export function specialEligibility(
  site: Site | undefined,
  member: SpecialMember | undefined,
  organisation: SpecialOrganisation | undefined,
  now: Date,
): SpecialEligible {
  if (!site) throw new AppError('PASS_INVALID', NOT_LINKED);
  const refusal = memberRefusal(member, organisation, site._id, now);
  if (refusal || !member || !organisation) throw refusal ?? new AppError('PASS_INVALID');
  return { kind: 'special', site, member, organisation, settings: residentPassSettings(site) };
}
