/**
 * The `visitor` cloud function (访客预约, R13–R18, P7, P8, X5): a visitor books a visit and an approver decides, or a
 * resident invites a visitor and the pass is issued at once. Notifications go through the `outbox` function.
 *
 * Who approves (P7): the host resident (the resident the visitor names as 受访人, found by phone at the site), and the
 * site's administrators when the site's settings say `adminsApprove` — or when no resident of the site has the host's
 * phone, so a booking is never left without anyone who may decide it.
 */

/** 审核状态 */
export type VisitStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已拒绝',
  cancelled: '已取消',
};

/**
 * The pages a notification opens (its subscription message's `page`, its SMS link): the approver's approval page and
 * the visitor's booking detail, each with `?id=<visitId>`.
 */
export const VISITOR_PAGES = {
  approval: 'packages/visitors/pages/approval/index',
  visit: 'packages/visitors/pages/detail/index',
} as const;

/** a visitor's own booking (approved by someone) or a resident's invitation (no approval) */
export type VisitOrigin = 'booking' | 'invitation';

/** 人脸登记 per site (R14) */
export type FaceRegistration = 'off' | 'optional' | 'required';
/**
 * Where the face is taken: `gate` — by the site's face terminal on arrival (the default, nothing collected in the
 * app); `app` — the camera in the mini-program, uploaded to private cloud storage; only for a site whose operator
 * has confirmed the qualification the platform's rules ask for (docs/deploy.md).
 */
export type FaceCapture = 'gate' | 'app';
/** what the booking says of the visitor's face */
export type FaceState = 'none' | 'skipped' | 'atGate' | 'uploaded';

/** Optional fields of the visitor form an administrator chooses to show and require (访客表单设置, P7). */
export const VISITOR_FORM_FIELDS = ['idNumber', 'plate', 'companions', 'company'] as const;
export type VisitorFormField = (typeof VISITOR_FORM_FIELDS)[number];
export const VISITOR_FORM_FIELD_LABELS: Record<VisitorFormField, string> = {
  idNumber: '证件号码',
  plate: '车牌号',
  companions: '随行人数',
  company: '来访单位',
};

export interface FieldChoice {
  show: boolean;
  /** only meaningful when shown */
  required: boolean;
}

/** 访客通行证设置 of a site, as the visitor form reads it. */
export interface VisitorSettings {
  /** 住户邀请访客: a resident's invitation needs no approval */
  residentsMayInvite: boolean;
  /** the site's administrators approve bookings too (besides the host resident) */
  adminsApprove: boolean;
  /** the longest visit, in hours (end − start) */
  maxVisitHours: number;
  face: FaceRegistration;
  faceCapture: FaceCapture;
  fields: Record<VisitorFormField, FieldChoice>;
}

/** Where a notification stands (X5): shown on the booking detail. */
export type DeliveryState = 'queued' | 'sent' | 'smsSent' | 'noSubscription' | 'failed';
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  queued: '发送中',
  sent: '已发送微信通知',
  smsSent: '已发送短信',
  noSubscription: '未订阅微信通知',
  failed: '发送失败',
};

export interface NotificationSummary {
  /** who it went to */
  to: 'approver' | 'visitor';
  /**
   * what it said: 新的访客预约 / 预约已通过 / 预约未通过 / 入住申请 (to a site's administrators) / 出门条申请 (to them)
   * / 出门条已通过 / 出门条未通过 (to the applicant, as `visitor`)
   */
  kind:
    | 'visitRequested'
    | 'visitApproved'
    | 'visitRejected'
    | 'visitInvited'
    | 'residenceApplied'
    | 'exitSlipApplied'
    | 'exitSlipApproved'
    | 'exitSlipRejected';
  /** the WeChat subscription message */
  wechat: DeliveryState;
  /** the SMS (sent with every notification, and the fallback when WeChat cannot deliver) */
  sms: DeliveryState;
}

/** A booking as its visitor, host or approver sees it. Personal data masked except to its owner. */
export interface Visit {
  id: string;
  origin: VisitOrigin;
  status: VisitStatus;
  site: { id: string; name: string };
  /** 受访人 */
  host: { name: string; phone: string };
  /** 来访人 */
  visitor: { name: string; phone: string; idNumber?: string };
  /** 来访目的 */
  purpose: string;
  /** ISO times (启用日期, 截止日期) */
  startsAt: string;
  endsAt: string;
  /** 登记日期 */
  createdAt: string;
  plate?: string;
  companions?: number;
  company?: string;
  face: FaceState;
  /** when decided: by whom (name) and why not */
  decision?: { at: string; by: string; reason?: string };
  notifications: NotificationSummary[];
}

export interface VisitorPass {
  passId: string;
  /** the TX2 code the QR carries */
  code: string;
  /** valid from the visit's start to its end */
  validFrom: string;
  expiresAt: string;
  /** `used`: released at a gate (where, when) — a visitor pass is single use (P8) */
  state: 'valid' | 'used' | 'expired' | 'notYet';
  used?: { gate: string; at: string };
}

export interface VisitDetail extends Visit {
  /** what the caller may do with it */
  canDecide: boolean;
  canCancel: boolean;
  /** the pass, once approved, to the visitor and the inviting resident only */
  pass?: VisitorPass;
  /** a short-lived URL of the face photo, to approvers only, when one was uploaded */
  faceUrl?: string;
}

export interface VisitInput {
  siteId: string;
  /** 受访人: name and phone of the resident visited (a booking) */
  hostName: string;
  hostPhone: string;
  visitorName: string;
  visitorPhone: string;
  idNumber?: string;
  purpose: string;
  startsAt: string;
  endsAt: string;
  plate?: string;
  companions?: number;
  company?: string;
  /** R14: the face photo's cloud file id (faceCapture `app`), or `skip` when optional */
  face?: { fileId: string } | 'skip';
  /** the legal edition the person agreed to before typing an ID number (core/consent.ts) */
  consentEdition?: string;
  requestId: string;
}

export interface VisitorActions {
  /** the visitor form of a site: what it shows and requires */
  settings: {
    request: { siteId: string };
    response: {
      site: { id: string; name: string };
      settings: VisitorSettings;
      /** where the caller's face photo is uploaded (wx.cloud.uploadFile's cloudPath prefix): the only folder accepted */
      faceFolder: string;
    };
  };
  /** a visitor books a visit; the approvers are notified */
  book: { request: VisitInput; response: { visit: VisitDetail } };
  /** a resident of the site invites a visitor: approved at once when the site allows it */
  invite: {
    request: Omit<VisitInput, 'hostName' | 'hostPhone'>;
    response: { visit: VisitDetail };
  };
  /** the caller's own bookings and invitations, newest first */
  mine: { request: { page?: number }; response: { items: Visit[]; hasMore: boolean } };
  /** the approver's inbox: pending first, then decided, newest first */
  inbox: { request: { page?: number }; response: { items: Visit[]; hasMore: boolean; pending: number } };
  /** one booking, to its visitor, host, inviter or approvers; NOT_FOUND to anyone else */
  detail: {
    /** `key`: what the SMS link to a visitor carries (`k=`): it makes the first WeChat user who opens it the visitor */
    request: { visitId: string; key?: string };
    response: { visit: VisitDetail };
  };
  /** approve or reject once; a second decision is CONFLICT */
  decide: {
    request: { visitId: string; approve: boolean; reason?: string; requestId: string };
    response: { visit: VisitDetail };
  };
  /** the visitor or inviter withdraws a booking before the visit */
  cancel: { request: { visitId: string; requestId: string }; response: { visit: VisitDetail } };
}
