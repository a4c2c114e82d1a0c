import type { FieldChoice } from './visitor';

/**
 * 出门条设置 (P9): what a site asks of a household applying for an exit slip (moving out). The slip itself — the
 * resident's application, the approval and the single-use pass are below; they read these settings.
 */

/**
 * The exit slip form's optional fields an administrator ticks (显示) and may require (必填). The applicant, their
 * phone, the house and the day of leaving are always asked: a slip without them cannot be checked at the gate.
 * The manual shows its field list only as a picture; these are what a moving-out slip carries.
 */
export const EXIT_SLIP_FORM_FIELDS = ['goods', 'photos', 'plate', 'carrier', 'company', 'remark'] as const;
export type ExitSlipFormField = (typeof EXIT_SLIP_FORM_FIELDS)[number];
export const EXIT_SLIP_FORM_FIELD_LABELS: Record<ExitSlipFormField, string> = {
  goods: '物品清单',
  photos: '物品照片',
  plate: '车牌号',
  carrier: '搬运人及电话',
  company: '搬家公司',
  remark: '备注',
};

export interface ExitSlipSettings {
  /** 欠费住户可申请出门条: off — a household marked in arrears is refused until it has paid */
  arrearsMayApply: boolean;
  fields: Record<ExitSlipFormField, FieldChoice>;
}

export interface AdminExitSlipActions {
  /** the site's 出门条设置, the defaults filled in */
  exitSlipSettings: { request: { siteId: string }; response: { settings: ExitSlipSettings } };
  /** replaces them; a hidden field is never required (it is saved as not required) */
  setExitSlipSettings: {
    request: { siteId: string; settings: ExitSlipSettings; requestId: string };
    response: { settings: ExitSlipSettings };
  };
  /** the slips waiting at the site, oldest first */
  exitSlips: {
    request: { siteId: string; page?: number };
    response: { slips: ExitSlipForAdmin[]; page: number; hasMore: boolean };
  };
  /** approves (issuing its pass) or rejects (a reason required) a waiting slip, once */
  decideExitSlip: {
    request: { siteId: string; slipId: string; approve: boolean; reason?: string; requestId: string };
    response: { slip: ExitSlipForAdmin };
  };
}

/**
 * 出门条 (P9), the slip itself: a household applies for the day it moves goods out, an administrator approves or
 * rejects, and an approved slip is a single-use pass for that day (Asia/Shanghai), released by a guard. The
 * resident's actions are in the `pass` function, the administrators' in `admin`. Types only here (the main
 * package is at its size budget): the form's rules are in packages/exits/rules.ts.
 */
export type ExitSlipStatus = 'pending' | 'approved' | 'rejected';

/** What the applicant fills in: the day of leaving and the site's fields (a hidden field is refused). */
export interface ExitSlipFields {
  /** 物品清单 */
  goods?: string;
  /** 物品照片: file ids the page uploaded to the caller's own folder (`photoFolder`) */
  photos?: string[];
  /** 车牌号 */
  plate?: string;
  /** 搬运人及电话 */
  carrier?: string;
  /** 搬家公司 */
  company?: string;
  /** 备注 */
  remark?: string;
}

export interface ExitSlipApplication extends ExitSlipFields {
  siteId: string;
  /** YYYY-MM-DD in Asia/Shanghai: the one day the slip is good for */
  date: string;
}

/** The single-use pass of an approved slip, as its holder sees it. */
export interface ExitSlipPass {
  passId: string;
  /** the QR's text (TX2, like every pass) */
  code: string;
  /** ISO times: the Shanghai day's start and end */
  validFrom: string;
  expiresAt: string;
  state: 'notYet' | 'valid' | 'used' | 'expired';
  used?: { gate: string; at: string };
}

/** A slip as the applicant (and, with `maskedPhone`, an administrator) sees it. */
export interface ExitSlipView extends ExitSlipFields {
  id: string;
  site: { id: string; name: string };
  house: string;
  applicant: string;
  date: string;
  status: ExitSlipStatus;
  /** 拒绝原因 */
  reason?: string;
  appliedAt: string;
  decidedAt?: string;
  /** approved slips only */
  pass?: ExitSlipPass;
}

/** A waiting slip as the back office lists it: the applicant's phone masked, photos as short-lived links. */
export interface ExitSlipForAdmin extends Omit<ExitSlipView, 'pass' | 'photos'> {
  maskedPhone?: string;
  photoUrls?: string[];
}

/** What the apply page needs: the site's fields, the house, and whether this household may apply at all. */
export interface ExitSlipForm {
  site: { id: string; name: string };
  house: string;
  fields: ExitSlipSettings['fields'];
  /** absent when the household may apply; else why not (欠费) */
  refusal?: string;
  /** where the page uploads 物品照片 (wx.cloud.uploadFile's cloudPath prefix): the only folder accepted */
  photoFolder: string;
  /** the first and last day a slip may be asked for, YYYY-MM-DD */
  firstDate: string;
  lastDate: string;
}

export interface PassExitSlipActions {
  /** the form for the caller's house at `siteId` (or the current site) */
  exitSlipForm: { request: { siteId?: string }; response: ExitSlipForm };
  applyExitSlip: { request: ExitSlipApplication & { requestId: string }; response: { slip: ExitSlipView } };
  /** the caller's slips, newest first */
  myExitSlips: {
    request: { page?: number };
    response: { slips: ExitSlipView[]; page: number; hasMore: boolean };
  };
  /** one of the caller's slips, with its pass when approved */
  exitSlip: { request: { slipId: string }; response: { slip: ExitSlipView } };
}
