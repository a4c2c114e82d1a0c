import type { FieldChoice } from './visitor';

/**
 * 出门条设置 (P9): what a site asks of a household applying for an exit slip (moving out). The slip itself — the
 * resident's application, the approval, the single-use pass — comes later; these settings are what it will read.
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
}
