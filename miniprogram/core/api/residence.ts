import { personName } from '../visit-rules';
import { oneOf, string } from '../validate';

/**
 * 申请入住 (X1): a person who is not yet a resident of the current site asks to join one of its houses; the site's
 * administrators approve (the person becomes its resident) or reject with a reason. Only what the property needs
 * to recognise the household is asked: the name it knows them by and how they relate to the house.
 */
export const RESIDENCE_RELATIONS = ['owner', 'family', 'tenant'] as const;
export type ResidenceRelation = (typeof RESIDENCE_RELATIONS)[number];
export const RESIDENCE_RELATION_LABELS: Record<ResidenceRelation, string> = {
  owner: '业主',
  family: '家属',
  tenant: '租客',
};

/** the form's rules, the same on the page and in the function */
export const applicantName = personName('姓名');
export const residenceRelation = oneOf(RESIDENCE_RELATIONS, '与房屋的关系');
export const rejectionReason = string({ label: '拒绝原因', max: 50 });

export type ResidenceApplicationStatus = 'pending' | 'approved' | 'rejected';
export const RESIDENCE_STATUS_LABELS: Record<ResidenceApplicationStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

export interface ResidenceApplicationView {
  id: string;
  siteId: string;
  houseId: string;
  /** 3栋2单元301 */
  house: string;
  name: string;
  relation: ResidenceRelation;
  status: ResidenceApplicationStatus;
  /** why it was rejected */
  reason?: string;
  /** ISO */
  appliedAt: string;
  decidedAt?: string;
}

/** the `site` function's actions for the applicant */
export interface SiteResidenceActions {
  /** A page (20) of the site's houses whose number starts as `query` says (3-2-301): what the applicant picks from. */
  residenceHouses: {
    request: { siteId: string; query?: string; page?: number };
    response: { houses: Array<{ id: string; label: string }>; page: number; hasMore: boolean };
  };
  /** Applies to live in the house; one application waits per person and site (a second is CONFLICT). */
  applyResidence: {
    request: { siteId: string; houseId: string; name: string; relation: ResidenceRelation; requestId: string };
    response: { application: ResidenceApplicationView };
  };
  /** The caller's latest application at the site, or null. */
  myResidenceApplication: {
    request: { siteId: string };
    response: { application: ResidenceApplicationView | null };
  };
}

/** An application as the site's administrators see it: the applicant's phone masked. */
export interface ResidenceApplicationForAdmin extends ResidenceApplicationView {
  maskedPhone?: string;
}

/** the `admin` function's actions on applications */
export interface AdminResidenceActions {
  /** The site's applications waiting for a decision, oldest first, 20 a page. */
  residenceApplications: {
    request: { siteId: string; page?: number };
    response: { applications: ResidenceApplicationForAdmin[]; page: number; hasMore: boolean };
  };
  /** Approves (the applicant becomes a resident of the house) or rejects with a reason; decided once (CONFLICT after). */
  decideResidenceApplication: {
    request: { siteId: string; applicationId: string; approve: boolean; reason?: string; requestId: string };
    response: { application: ResidenceApplicationView };
  };
}
