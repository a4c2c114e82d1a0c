/**
 * 有效通行证 (X4) in the back office: the passes in force at a site, and 收回 (revoke).
 *
 * A resident's pass is a standing right renewed every 10 minutes (a fresh code each time the screen refreshes), so
 * revoking one code would be undone by the next refresh. Revoking a resident's pass therefore suspends every pass of
 * that resident at the site — new codes, codes already shown, shake-to-open — until an administrator lifts it
 * (`restorePass`). A visitor's pass is one code for one visit: revoking it voids that pass for good.
 */

export type ActivePassKind = 'resident' | 'visitor';

/** One pass in force, as the list shows it. */
export interface ActivePassView {
  kind: ActivePassKind;
  /** what revokePass names: the resident's membership, or the visit */
  id: string;
  holder: string;
  /** the house (a visitor's: the host's) */
  house?: string;
  /** a visitor pass's host (受访人) */
  host?: string;
  /** a visitor pass's start and end; a resident's pass has none (standing, renewed as it is shown) */
  validFrom?: string;
  validUntil?: string;
  /** a resident's passes are taken back (收回) until lifted */
  revoked: boolean;
}

export const ACTIVE_PASSES_PAGE = 20;

export interface AdminPassesActions {
  /** a page of the site's passes of one kind: residents (by house order of joining) or visitors (soonest end first) */
  activePasses: {
    request: { siteId: string; kind: ActivePassKind; page?: number };
    response: { passes: ActivePassView[]; page: number; hasMore: boolean };
  };
  /** 收回: refused at the next scan or device (PASS_REVOKED), with a record; a resident's until restorePass */
  revokePass: {
    request: { siteId: string; kind: ActivePassKind; id: string; requestId: string };
    response: { revoked: true };
  };
  /** lifts a resident's revocation: their next code goes through again */
  restorePass: {
    request: { siteId: string; id: string; requestId: string };
    response: { restored: true };
  };
}
