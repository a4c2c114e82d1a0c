/**
 * 出门条审批 (P9) for the back office: the slips waiting at a site and the decision on one, through the `admin`
 * function. In the admin subpackage: only its pages call it. A decision carries its request's key
 * (services/cloud.ts): a retry after a lost answer decides once.
 */
import type { AdminExitSlipActions, ExitSlipForAdmin } from '../../../core/api/admin-exit-slip';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

const admin = cloudFunction<AdminExitSlipActions>('admin');

export function exitSlips(
  siteId: string,
  page = 1,
): Promise<Envelope<{ slips: ExitSlipForAdmin[]; page: number; hasMore: boolean }>> {
  return admin.query('exitSlips', { siteId, page });
}

export function decideExitSlip(request: {
  siteId: string;
  slipId: string;
  approve: boolean;
  reason?: string;
}): Promise<Envelope<{ slip: ExitSlipForAdmin }>> {
  return admin.mutate('decideExitSlip', request);
}
