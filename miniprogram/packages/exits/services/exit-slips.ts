/**
 * 出门条 (P9), the resident's side through the `pass` function. Here rather than in services/ since only this
 * subpackage calls it (the main package is at its size budget). A mutation carries its request's key
 * (services/cloud.ts): a retry after a lost answer applies once.
 */
import type {
  ExitSlipApplication,
  ExitSlipForm,
  ExitSlipView,
  PassExitSlipActions,
} from '../../../core/api/admin-exit-slip';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

const pass = cloudFunction<PassExitSlipActions>('pass');

export function exitSlipForm(siteId?: string): Promise<Envelope<ExitSlipForm>> {
  return pass.query('exitSlipForm', siteId ? { siteId } : {});
}

export function applyExitSlip(application: ExitSlipApplication): Promise<Envelope<{ slip: ExitSlipView }>> {
  return pass.mutate('applyExitSlip', application);
}

export function myExitSlips(page = 1): Promise<Envelope<{ slips: ExitSlipView[]; page: number; hasMore: boolean }>> {
  return pass.query('myExitSlips', { page });
}

export function exitSlip(slipId: string): Promise<Envelope<{ slip: ExitSlipView }>> {
  return pass.query('exitSlip', { slipId });
}
