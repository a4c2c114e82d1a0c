import type { FieldChange } from '../settings-words';

/**
 * 最近修改: every change of a site's settings, with who made it and when (issue 15). Written in the same transaction
 * as the change itself (server/sites/settings-changes.ts), so a setting never changes without its line here.
 */

/** What part of the back office was changed. */
export type SettingsArea = 'residentPass' | 'visitorPass' | 'exitSlip' | 'restriction' | 'device' | 'retention';
export const SETTINGS_AREA_WORDS: Record<SettingsArea, string> = {
  residentPass: '住户通行证设置',
  visitorPass: '访客通行证设置',
  exitSlip: '出门条设置',
  restriction: '限制出入设置',
  device: '门禁设备',
  retention: '数据保存期限',
};

export interface SettingsChangeView {
  id: string;
  area: SettingsArea;
  /** what the change was about when a setting belongs to one thing: a house (3栋2单元301), a device (东门闸机) */
  subject?: string;
  /** 添加设备, 停用, 更换密钥…: what was done, when it is not a plain edit of fields */
  action?: string;
  /** each changed field's words before and after */
  changes: FieldChange[];
  /** who: the administrator's name (已注销用户 once their account is deleted) and 通行 account ID when they have one */
  by: { name: string; accountId?: string };
  at: string;
}

export interface AdminChangesActions {
  /** a site's settings changes, newest first, 20 a page; `area` narrows them to one part of the back office */
  settingsChanges: {
    request: { siteId: string; area?: SettingsArea; page?: number };
    response: { changes: SettingsChangeView[]; page: number; hasMore: boolean };
  };
}
