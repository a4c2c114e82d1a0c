import { string } from '../validate';

/**
 * 专用通行证 (P6) in the back office: organisations (机构: a courier, a cleaning company) linked to one or more
 * communities, and their members, each with a validity period. A member binds their account with a single-use
 * invitation code and then holds a pass for the organisation's linked communities only; after the period's last
 * day (Asia/Shanghai) the pass is refused with PASS_EXPIRED.
 */

/** How long a member's invitation code stays good after it is made (or made again). */
export const SPECIAL_INVITATION_LIFETIME_HOURS = 72;

/** A validity date, `YYYY-MM-DD` in Asia/Shanghai: the period runs from the start of `validFrom` to the end of `validTo`. */
export const validityDate = (label: string) =>
  string({
    label,
    max: 10,
    pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
    patternMessage: `${label}格式应为2026-12-01`,
  });

/**
 * An ID or face photo the administrator uploaded to private storage, under their own folder
 * `special/photos/<openid>/` (the function refuses anyone else's file).
 */
export const SPECIAL_PHOTO_PATTERN =
  /^cloud:\/\/[A-Za-z0-9._-]+\/special\/photos\/([A-Za-z0-9_-]+)\/[A-Za-z0-9_-]+\.(jpg|jpeg|png)$/;

export interface SpecialOrganisationView {
  id: string;
  name: string;
  sites: Array<{ id: string; name: string }>;
  /** members not disabled */
  activeMembers: number;
  updatedAt: string;
}

export type SpecialMemberStatus = 'active' | 'disabled';

export interface SpecialMemberView {
  id: string;
  organisation: { id: string; name: string };
  name: string;
  /** masked (139****0005) */
  phone: string;
  validFrom: string;
  validTo: string;
  /** masked: 110***********1234, absent when none was entered */
  maskedIdNumber?: string;
  hasIdPhoto: boolean;
  hasFacePhoto: boolean;
  status: SpecialMemberStatus;
  /** the member opened their invitation in the mini-program */
  bound: boolean;
  /** when the open invitation code expires, when there is one */
  invitationExpiresAt?: string;
  /** past `validTo` (Asia/Shanghai): the pass is refused */
  expired: boolean;
}

export interface SpecialMemberInput {
  organisationId: string;
  name: string;
  phone: string;
  validFrom: string;
  validTo: string;
  idNumber?: string;
  idPhotoFileId?: string;
  facePhotoFileId?: string;
}

/** An edit of a member: the phone (shown masked) may be left out, which keeps the one on file. */
export type SpecialMemberEdit = Omit<SpecialMemberInput, 'phone'> & { phone?: string };

export interface AdminSpecialActions {
  /** the organisations linked to `siteId`, and the sites the caller administers (what a form may link) */
  specialOrganisations: {
    request: { siteId: string };
    response: { organisations: SpecialOrganisationView[]; linkableSites: Array<{ id: string; name: string }> };
  };
  /** a new organisation; every linked site must be one the caller administers, `siteId` among them */
  createSpecialOrganisation: {
    request: { siteId: string; name: string; siteIds: string[]; requestId: string };
    response: { organisation: SpecialOrganisationView };
  };
  /** renames or relinks an organisation linked to `siteId`; sites added or removed must be ones the caller administers */
  updateSpecialOrganisation: {
    request: { siteId: string; organisationId: string; name: string; siteIds: string[]; requestId: string };
    response: { organisation: SpecialOrganisationView };
  };
  /** the members of the organisations linked to `siteId` (or of one of them), newest first, 20 a page */
  specialMembers: {
    request: { siteId: string; organisationId?: string; page?: number };
    /**
     * `photoFolder`: where the member form uploads ID and face photos, the caller's own (the only one accepted);
     * `facePhotos`: whether the site may collect a face in the app (its `faceCapture` is `app`), else no face tile
     */
    response: {
      members: SpecialMemberView[];
      page: number;
      hasMore: boolean;
      photoFolder: string;
      facePhotos: boolean;
    };
  };
  /** a new member and their single-use invitation code, shown once here */
  createSpecialMember: {
    request: { siteId: string; member: SpecialMemberInput; requestId: string };
    response: { member: SpecialMemberView; code: string };
  };
  /** changes a member; an absent phone, ID number or photo keeps the one on file */
  updateSpecialMember: {
    request: { siteId: string; memberId: string; member: SpecialMemberEdit; requestId: string };
    response: { member: SpecialMemberView };
  };
  /** 停用 / 启用: a disabled member's pass is refused at every gate */
  setSpecialMemberStatus: {
    request: { siteId: string; memberId: string; status: SpecialMemberStatus; requestId: string };
    response: { member: SpecialMemberView };
  };
  /** a new invitation code for a member not yet bound (the old code stops working), shown once here */
  renewSpecialInvitation: {
    request: { siteId: string; memberId: string; requestId: string };
    response: { member: SpecialMemberView; code: string };
  };
}
