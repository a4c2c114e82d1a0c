/**
 * The `gate` function (门岗 and 门禁) for pages: a guard scans and releases a pass (P3–P5); a resident shakes the
 * phone to open the door (R8). Release and shake are mutations: a retry after a lost answer reuses the request's
 * key (services/cloud.ts), so the pass is used and the door opened at most once.
 */
import type { GateActions, ReleaseRequest, ReleaseResponse, ScanResponse, ShakeOpenResponse } from '../core/api/gate';
import type { Envelope } from '../core/envelope';
import { cloudFunction } from './cloud';

const gate = cloudFunction<GateActions>('gate');

/** What the code is and what its release needs, without using it; the scan is recorded at `gateName`. */
export function scanPass(code: string, siteId: string, gateName?: string): Promise<Envelope<ScanResponse>> {
  return gate.query('scan', gateName ? { code, siteId, gate: gateName } : { code, siteId });
}

export function releasePass(request: Omit<ReleaseRequest, 'requestId'>): Promise<Envelope<ReleaseResponse>> {
  return gate.mutate('release', request);
}

/** Opens `doorId`, or the site's default door. */
export function shakeOpen(siteId: string, doorId?: string): Promise<Envelope<ShakeOpenResponse>> {
  return gate.mutate('shakeOpen', doorId ? { siteId, doorId } : { siteId });
}

/** Where the phone keeps the gate its guard stands at (东门), for the next release. */
export const REMEMBERED_GATE_KEY = 'gate.name';

export function rememberedGateName(): string {
  try {
    const value: unknown = wx.getStorageSync(REMEMBERED_GATE_KEY);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

/** Storage is only a convenience: when it is full or refused, the guard types the gate again next time. */
export function rememberGateName(name: string): void {
  try {
    wx.setStorageSync(REMEMBERED_GATE_KEY, name);
  } catch (error) {
    console.warn('could not remember the gate', error);
  }
}
