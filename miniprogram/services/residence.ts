/**
 * 申请入住 (X1) for pages: the applicant's side through the `site` function, the administrators' through `admin`.
 * Mutations carry the request's key (services/cloud.ts): a retry after a lost answer applies or decides once.
 */
import type {
  AdminResidenceActions,
  ResidenceApplicationForAdmin,
  ResidenceApplicationView,
  ResidenceRelation,
  SiteResidenceActions,
} from '../core/api/residence';
import type { Envelope } from '../core/envelope';
import { cloudFunction } from './cloud';

const site = cloudFunction<SiteResidenceActions>('site');
const admin = cloudFunction<AdminResidenceActions>('admin');

export function residenceHouses(
  siteId: string,
  query: string,
  page = 1,
): Promise<Envelope<{ houses: Array<{ id: string; label: string }>; page: number; hasMore: boolean }>> {
  return site.query('residenceHouses', { siteId, query, page });
}

export function applyResidence(request: {
  siteId: string;
  houseId: string;
  name: string;
  relation: ResidenceRelation;
}): Promise<Envelope<{ application: ResidenceApplicationView }>> {
  return site.mutate('applyResidence', request);
}

export function myResidenceApplication(
  siteId: string,
): Promise<Envelope<{ application: ResidenceApplicationView | null }>> {
  return site.query('myResidenceApplication', { siteId });
}

export function residenceApplications(
  siteId: string,
  page = 1,
): Promise<Envelope<{ applications: ResidenceApplicationForAdmin[]; page: number; hasMore: boolean }>> {
  return admin.query('residenceApplications', { siteId, page });
}

export function decideResidenceApplication(request: {
  siteId: string;
  applicationId: string;
  approve: boolean;
  reason?: string;
}): Promise<Envelope<{ application: ResidenceApplicationView }>> {
  return admin.mutate('decideResidenceApplication', request);
}
