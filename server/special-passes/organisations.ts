import type { SpecialOrganisationView } from '../../miniprogram/core/api/admin-special';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import type { ActionContext } from '../platform/router';
import { MembershipRepository } from '../people/users';
import { SiteRepository, type Site } from '../sites/site';

/**
 * 机构 (P6): an outside organisation whose people come and go often (a courier, a cleaning company), linked to the
 * communities it serves. One organisation may serve several sites, each run by its own administrators, so an
 * administrator links or unlinks only sites they administer, and sees an organisation through a site it serves.
 */
export interface SpecialOrganisation extends Stored {
  name: string;
  siteIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** How many communities one organisation may serve. */
export const MAX_LINKED_SITES = 50;

export class SpecialOrganisationRepository extends Repository<SpecialOrganisation> {
  constructor() {
    super('specialOrganisations');
  }

  linkedTo(siteId: string): Promise<SpecialOrganisation[]> {
    return this.find({ siteIds: siteId }, { orderBy: [['createdAt', 'desc']], limit: 200 });
  }

  /** The organisation, when it serves `siteId`; NOT_FOUND otherwise (another site's organisations do not exist here). */
  async servingSite(organisationId: string, siteId: string): Promise<SpecialOrganisation> {
    const found = await this.get(organisationId);
    if (!found || !found.siteIds.includes(siteId)) throw new AppError('NOT_FOUND', '找不到这个机构');
    return found;
  }
}

/** The sites the caller administers (what an organisation form may link), by name. */
export async function administeredSites(context: ActionContext): Promise<Site[]> {
  const user = await context.user();
  const roles = await new MembershipRepository().activeOf(user._id);
  const siteIds = [...new Set(roles.filter((m) => m.role === 'admin').map((m) => m.siteId))];
  const sites = await new SiteRepository().byIds(siteIds);
  return sites.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/**
 * The links an administrator asks for, checked: `siteId` (where they are working) stays linked, and every site
 * added or removed is one they administer — a site's own administrators alone decide who may enter it.
 */
export function checkedLinks(wanted: string[], before: string[], siteId: string, administered: Site[]): string[] {
  const links = [...new Set(wanted)];
  if (!links.includes(siteId)) throw new AppError('INVALID_ARGUMENT', '请保留当前小区的关联');
  if (links.length > MAX_LINKED_SITES)
    throw new AppError('INVALID_ARGUMENT', `一个机构最多关联${MAX_LINKED_SITES}个小区`);
  const mine = new Set(administered.map((s) => s._id));
  const changed = [...links.filter((id) => !before.includes(id)), ...before.filter((id) => !links.includes(id))];
  if (changed.some((id) => !mine.has(id))) throw new AppError('FORBIDDEN', '只能关联或取消您管理的小区');
  return links;
}

export function organisationView(
  organisation: SpecialOrganisation,
  sites: Site[],
  activeMembers: number,
): SpecialOrganisationView {
  const names = new Map(sites.map((s) => [s._id, s.name]));
  return {
    id: organisation._id,
    name: organisation.name,
    sites: organisation.siteIds.map((id) => ({ id, name: names.get(id) ?? '已删除的小区' })),
    activeMembers,
    updatedAt: new Date(organisation.updatedAt).toISOString(),
  };
}
