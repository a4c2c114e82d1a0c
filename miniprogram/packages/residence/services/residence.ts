/**
 * 申请入住 (X1), the applicant's side through the `site` function (the administrators' is in the admin
 * subpackage). Here rather than in services/ since only this subpackage calls it. Mutations carry the request's
 * key (services/cloud.ts): a retry after a lost answer applies once.
 */
import type { ResidenceApplicationView, ResidenceRelation, SiteResidenceActions } from '../../../core/api/residence';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

const site = cloudFunction<SiteResidenceActions>('site');

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
