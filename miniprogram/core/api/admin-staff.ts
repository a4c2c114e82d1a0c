/**
 * 工作人员 (X2) in the back office: a site's administrators (物业管理员) and guards (门岗), granted by phone or by an
 * invitation code, and the first administrator's bootstrap. A site always keeps at least one administrator
 * (LAST_ADMIN).
 */

/** The roles an administrator hands out: observers and residents come by their own paths. */
export const STAFF_ROLES = ['admin', 'guard'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** How long an invitation code stays good after it is made. */
export const INVITATION_LIFETIME_HOURS = 72;

/** An invitation code: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), typed or pasted. */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 10;

/** One person's staff role at the site, as the staff list shows it. */
export interface StaffMemberView {
  /** the membership's id: what revokeRole names */
  id: string;
  userId: string;
  role: StaffRole;
  name: string;
  /** masked (139****0005): the list is read over shoulders at the property's desk */
  phone?: string;
  /** the caller's own line (an administrator may step down while another remains) */
  me: boolean;
  since: string;
}

/** An invitation not yet accepted: the code itself is never shown again after it is made. */
export interface InvitationView {
  id: string;
  role: StaffRole;
  createdAt: string;
  expiresAt: string;
}

export interface AdminStaffActions {
  /** the site's administrators and guards, and its open invitations */
  staff: {
    request: { siteId: string };
    response: { members: StaffMemberView[]; invitations: InvitationView[] };
  };
  /** gives `role` to the account registered with `phone` (it must exist); holding it already changes nothing */
  grantRole: {
    request: { siteId: string; phone: string; role: StaffRole; requestId: string };
    response: { member: StaffMemberView };
  };
  /** takes a staff role back (by its membership id); the site's last administrator is refused with LAST_ADMIN */
  revokeRole: {
    request: { siteId: string; membershipId: string; requestId: string };
    response: { revoked: true };
  };
  /** a single-use code for `role`, shown once here; it expires after INVITATION_LIFETIME_HOURS */
  createInvitation: {
    request: { siteId: string; role: StaffRole; requestId: string };
    response: { invitation: InvitationView; code: string };
  };
  revokeInvitation: {
    request: { siteId: string; invitationId: string; requestId: string };
    response: { revoked: true };
  };
  /**
   * The first administrator of a site that has none: the caller (with an account) becomes it when `secret` is the
   * environment's ADMIN_BOOTSTRAP_SECRET (docs/deploy.md). Refused once the site has an administrator.
   */
  bootstrap: {
    request: { siteId: string; secret: string; requestId: string };
    response: { member: StaffMemberView };
  };
}
