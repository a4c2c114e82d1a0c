import { EXIT_SLIP_FORM_FIELDS, EXIT_SLIP_FORM_FIELD_LABELS, type ExitSlipSettings } from './api/admin-exit-slip';
import type { RetentionSettings } from './api/admin-retention';
import { VISITOR_FORM_FIELDS, VISITOR_FORM_FIELD_LABELS, type FieldChoice, type VisitorSettings } from './api/visitor';
import { describeWindows, type CountingMode, type HouseRestriction, type ResidentPassSettings } from './pass-rules';

/**
 * A site's settings in the words of the back office (一户一次, 门禁二维码, 不限): the settings pages label their
 * choices with them, and 最近修改 (settingsChanges) says what changed with the same words, field by field.
 */

export type ReleaseMode = 'guard' | 'device';

export const COUNTING_MODE_WORDS: Record<CountingMode, string> = { perPerson: '一人一次', perHousehold: '一户一次' };
export const RELEASE_MODE_WORDS: Record<ReleaseMode, string> = { guard: '门岗扫码', device: '门禁二维码' };
export const FACE_WORDS: Record<VisitorSettings['face'], string> = {
  off: '不登记',
  optional: '可选',
  required: '必须',
};
export const FACE_CAPTURE_WORDS: Record<VisitorSettings['faceCapture'], string> = {
  gate: '到门岗采集',
  app: '小程序内拍摄',
};

/** 周期内可出门次数 as read: 0 is 不限, -1 is 禁止出门. */
export function exitCountWords(exits: number): string {
  return exits === 0 ? '不限' : exits === -1 ? '禁止出门' : `${exits}次`;
}

const onOff = (on: boolean) => (on ? '开启' : '关闭');
const fieldWords = (choice: FieldChoice) => (!choice.show ? '不显示' : choice.required ? '必填' : '选填');

/** One field's words before and after a change. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** The fields whose words differ, in the order of `after`; a field only one side has counts as changed. */
export function changedFields(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, before: before[field] ?? '—', after: after[field] ?? '—' }));
}

export function residentPassWords(
  rules: Omit<ResidentPassSettings, 'periodAnchor'>,
  releaseMode: ReleaseMode,
): Record<string, string> {
  return {
    出门计算方式: COUNTING_MODE_WORDS[rules.countingMode],
    出门间隔周期: `${rules.periodDays}天`,
    周期内可出门次数: exitCountWords(rules.exitsPerPeriod),
    可出门时间段: describeWindows(rules.exitWindows),
    身份证记录: onOff(rules.requireIdRegistration),
    体温记录: onOff(rules.requireTemperature),
    放行方式: RELEASE_MODE_WORDS[releaseMode],
  };
}

export function visitorSettingsWords(settings: VisitorSettings): Record<string, string> {
  const words: Record<string, string> = {
    住户邀请访客: settings.residentsMayInvite ? '无需审核' : '需管理员审核',
    管理员审核访客登记: onOff(settings.adminsApprove),
    最长来访时长: `${settings.maxVisitHours}小时`,
    人脸登记: FACE_WORDS[settings.face],
    人脸采集方式: FACE_CAPTURE_WORDS[settings.faceCapture],
  };
  for (const field of VISITOR_FORM_FIELDS) words[VISITOR_FORM_FIELD_LABELS[field]] = fieldWords(settings.fields[field]);
  return words;
}

export function exitSlipWords(settings: ExitSlipSettings): Record<string, string> {
  const words: Record<string, string> = { 欠费住户申请出门条: settings.arrearsMayApply ? '允许' : '不允许' };
  for (const field of EXIT_SLIP_FORM_FIELDS) {
    words[EXIT_SLIP_FORM_FIELD_LABELS[field]] = fieldWords(settings.fields[field]);
  }
  return words;
}

/** 数据保存期限 (X7) */
export function retentionWords(settings: RetentionSettings): Record<string, string> {
  return { 出入记录保存: `${settings.accessRecordsDays}天`, 访客资料保存: `${settings.visitorDataDays}天` };
}

export function restrictionWords(restriction: HouseRestriction | null | undefined): Record<string, string> {
  const words = !restriction
    ? '不限制'
    : restriction.kind === 'banned'
      ? '禁止出入'
      : `单独设置出门次数：${exitCountWords(restriction.exitsPerPeriod)}`;
  return { 限制出入: words };
}
