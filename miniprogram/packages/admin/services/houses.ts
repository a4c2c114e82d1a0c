/**
 * The `admin` function's houses and residents (房屋与住户, X1), house restrictions (限制出入设置, P10) and 入住申请
 * for the back-office pages. It lives in the admin subpackage, not in services/, because only these pages call it
 * and every byte of the main package is downloaded at first start. Mutations carry the request's key (services/cloud.ts), so a retry after a lost answer
 * imports, restricts or removes once.
 */
import type { AdminSettingsActions } from '../../../core/api/admin';
import type {
  AdminHousesActions,
  HouseImportSummary,
  HouseResidentView,
  HouseView,
} from '../../../core/api/admin-houses';
import type { Envelope } from '../../../core/envelope';
import type { HouseRestriction } from '../../../core/pass-rules';
import type {
  AdminResidenceActions,
  ResidenceApplicationForAdmin,
  ResidenceApplicationView,
} from '../../../core/api/residence';
import { cloudFunction } from '../../../services/cloud';

const houses = cloudFunction<AdminHousesActions>('admin');
const settings = cloudFunction<AdminSettingsActions>('admin');
const residence = cloudFunction<AdminResidenceActions>('admin');

export type HousePage = { houses: HouseView[]; page: number; hasMore: boolean };

/** A page of the site's houses whose number starts as `query` says (3-2-301, 3栋2单元), or the restricted ones. */
export function searchHouses(
  siteId: string,
  request: { query?: string; restricted?: boolean; page: number },
): Promise<Envelope<HousePage>> {
  return houses.query('houses', { siteId, ...request });
}

export function houseResidents(
  siteId: string,
  houseId: string,
): Promise<Envelope<{ house: HouseView; residents: HouseResidentView[] }>> {
  return houses.query('houseResidents', { siteId, houseId });
}

export function setArrears(siteId: string, houseId: string, arrears: boolean): Promise<Envelope<{ house: HouseView }>> {
  return houses.mutate('setArrears', { siteId, houseId, arrears });
}

export function removeResident(
  siteId: string,
  houseId: string,
  membershipId: string,
): Promise<Envelope<{ membershipId: string }>> {
  return houses.mutate('removeResident', { siteId, houseId, membershipId });
}

export function previewHouseImport(siteId: string, csv: string): Promise<Envelope<HouseImportSummary>> {
  return houses.query('previewHouseImport', { siteId, csv });
}

export function importHouses(
  siteId: string,
  csv: string,
): Promise<Envelope<HouseImportSummary & { imported: boolean }>> {
  return houses.mutate('importHouses', { siteId, csv });
}

/** 限制出入: bans the house, gives it its own exit count, or (null) lifts its restriction. */
export function restrictHouse(
  siteId: string,
  houseId: string,
  restriction: HouseRestriction | null,
): Promise<Envelope<{ houseId: string; restriction: HouseRestriction | null }>> {
  return settings.mutate('restrictHouse', { siteId, houseId, restriction });
}

export function residenceApplications(
  siteId: string,
  page = 1,
): Promise<Envelope<{ applications: ResidenceApplicationForAdmin[]; page: number; hasMore: boolean }>> {
  return residence.query('residenceApplications', { siteId, page });
}

export function decideResidenceApplication(request: {
  siteId: string;
  applicationId: string;
  approve: boolean;
  reason?: string;
}): Promise<Envelope<{ application: ResidenceApplicationView }>> {
  return residence.mutate('decideResidenceApplication', request);
}
