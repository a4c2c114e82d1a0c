/** The `pass` function (住户通行证) for pages: the resident's pass QR for the current site (R7, P1, X3). */
import type { PassActions, PassStatusResponse, ResidentPassResponse, SpecialPassResponse } from '../core/api/pass';
import type { Envelope } from '../core/envelope';
import { cloudFunction } from './cloud';

const pass = cloudFunction<PassActions>('pass');

/** A fresh pass for `siteId`, or for the caller's current site; a refusal says why there is none (X3). */
export function residentPass(siteId?: string): Promise<Envelope<ResidentPassResponse>> {
  return pass.query('residentPass', siteId ? { siteId } : {});
}

/** What became of the pass on screen: still good, used at a gate (where, when), or expired. */
export function passStatus(passId: string): Promise<Envelope<PassStatusResponse>> {
  return pass.query('passStatus', { passId });
}

/**
 * A fresh 专用通行证 (P6) for `siteId` (default: the current site if the organisation serves it, else its first
 * linked one); home asks it for someone who is not a resident, the member's own page to switch between communities.
 */
export function specialPass(siteId?: string): Promise<Envelope<SpecialPassResponse>> {
  return pass.query('specialPass', siteId ? { siteId } : {});
}
