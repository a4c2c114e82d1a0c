import type { DoorSummary, MySite } from '../../miniprogram/core/api/site';
import { ROLES, type Role } from '../../miniprogram/core/roles';
import { DoorRepository } from '../devices/doors';
import { inForce, MembershipRepository, type Membership } from '../people/users';
import { HouseRepository } from './house';
import { SiteRepository, siteSummary } from './site';

/**
 * The caller's roles at one site, in the order ROLES lists them (none: they neither live nor work there). An
 * observer whose last day has passed holds no role: their entries leave 我的 the day their right ends.
 */
export async function rolesAt(userId: string, siteId: string, now: Date): Promise<Role[]> {
  return distinctRoles((await new MembershipRepository().activeAt(userId, siteId)).filter((m) => inForce(m, now)));
}

/**
 * 我的小区: every site where the person holds a role, with their houses there. Where they live comes first —
 * that is the site a resident switches to — then where they work; pinyin order within each, as the full list.
 */
export async function mySites(userId: string, now: Date): Promise<MySite[]> {
  const memberships = (await new MembershipRepository().activeOf(userId)).filter((m) => inForce(m, now));
  if (memberships.length === 0) return [];
  const siteIds = [...new Set(memberships.map((m) => m.siteId))];
  const houseIds = [...new Set(memberships.flatMap((m) => (m.houseId ? [m.houseId] : [])))];
  const houseRepository = new HouseRepository();
  const [sites, houses] = await Promise.all([
    new SiteRepository().byIds(siteIds),
    houseIds.length ? houseRepository.find({ _id: houseRepository.command().in(houseIds) }) : [],
  ]);
  const houseLabel = new Map(houses.map((h) => [h._id, h.label]));
  return sites
    .map((site) => {
      const here = memberships.filter((m) => m.siteId === site._id);
      return {
        ...siteSummary(site),
        roles: distinctRoles(here),
        houses: here.flatMap((m) => (m.role === 'resident' && m.houseId ? [houseLabel.get(m.houseId) ?? ''] : [])),
        sortKey: site.sortKey,
      };
    })
    .sort((a, b) => lives(a) - lives(b) || a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _sortKey, ...site }) => ({ ...site, houses: site.houses.filter(Boolean) }));
}

/** The site's gates a guard may stand at: its doors in use, the default first. */
export async function siteDoors(siteId: string): Promise<DoorSummary[]> {
  const doors = await new DoorRepository().activeAt(siteId);
  return doors
    .map((door) => ({ id: door._id, name: door.name, isDefault: door.isDefault === true }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

/** Where a person lives sorts before where they work. */
function lives(site: MySite): number {
  return site.roles.includes('resident') ? 0 : 1;
}

/** The roles these memberships (already those in force) hold, in the order ROLES lists them. */
function distinctRoles(memberships: Membership[]): Role[] {
  return ROLES.filter((role) => memberships.some((m) => m.role === role));
}
