import type { Role } from '../../miniprogram/core/roles';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { SiteRepository, type Site } from '../sites/site';
import { MembershipRepository, type Membership } from './users';

/**
 * The one role check: the caller holds one of `roles` at `siteId`, or the action is refused
 * (FORBIDDEN). Returns the membership that allowed it (a resident's carries the house).
 */
export async function requireRole(context: ActionContext, siteId: string, roles: readonly Role[]): Promise<Membership> {
  const user = await context.user();
  const memberships = await new MembershipRepository().activeAt(user._id, siteId);
  const allowed = memberships.find((m) => roles.includes(m.role));
  if (!allowed) throw new AppError('FORBIDDEN');
  return allowed;
}

/** The site `siteId` for one of its administrators: refused (FORBIDDEN) to anyone else, NOT_FOUND if it is gone. */
export async function administeredSite(context: ActionContext, siteId: string): Promise<Site> {
  await requireRole(context, siteId, ['admin']);
  const site = await new SiteRepository().get(siteId);
  if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
  return site;
}
