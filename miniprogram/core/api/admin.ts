import type { HouseRestriction, ResidentPassSettings } from '../pass-rules';
import type { AdminChangesActions } from './admin-changes';
import type { AdminExitSlipActions } from './admin-exit-slip';
import type { AdminHousesActions } from './admin-houses';
import type { AdminObserversActions, RecordsFilter } from './admin-observers';
import type { AdminPassesActions } from './admin-passes';
import type { AdminRetentionActions } from './admin-retention';
import type { AdminSpecialActions } from './admin-special';
import type { AdminStaffActions } from './admin-staff';
import type { AdminResidenceActions } from './residence';
import type { VisitorSettings } from './visitor';

/**
 * The `admin` cloud function (物业管理, the 微小区 back office), for a site's administrators: its actions grouped by
 * area, each group an interface of its own.
 */

export interface DeviceView {
  id: string;
  name: string;
  gate: string;
  status: 'active' | 'disabled';
  secretVersion: number;
}

export type PassSettingsInput = Omit<ResidentPassSettings, 'periodAnchor'>;

export interface PassSettingsView {
  residentPass: ResidentPassSettings;
  releaseMode: 'guard' | 'device';
}

/** One line of 出入记录 (P12) as administrators read it. */
export interface AccessRecordView {
  id: string;
  at: string;
  kind: 'issue' | 'scan' | 'release' | 'refusal' | 'open';
  result: 'ok' | 'refused';
  reason?: string;
  message?: string;
  passType?: string;
  holderName?: string;
  house?: string;
  /** a visitor pass's host (受访人) */
  host?: string;
  /** a 专用通行证's organisation (机构) */
  organisation?: string;
  gate?: string;
  direction: 'out' | 'in';
  temperature?: number;
  actor: { kind: 'guard' | 'device' | 'resident'; name?: string };
}

/** 通行证设置, devices, records and cards: the actions the back office began with */
export interface AdminSettingsActions {
  /**
   * 出入记录, newest first: a page of a site's records between two instants, optionally at one gate, of one pass type,
   * only refusals or successes. Administrators and observers (P11); an observer's answer has names masked, and each
   * of their reads goes into the audit log.
   */
  records: {
    request: RecordsFilter & { siteId: string; page?: number };
    response: { records: AccessRecordView[]; page: number; hasMore: boolean };
  };
  passSettings: { request: { siteId: string }; response: PassSettingsView };
  updatePassSettings: {
    request: { siteId: string; residentPass: PassSettingsInput; releaseMode: 'guard' | 'device'; requestId: string };
    response: PassSettingsView;
  };
  restrictHouse: {
    request: { siteId: string; houseId: string; restriction: HouseRestriction | null; requestId: string };
    response: { houseId: string; restriction: HouseRestriction | null };
  };
  devices: { request: { siteId: string }; response: { devices: DeviceView[] } };
  /** the secret is shown once, here: the device maker enters it into the device */
  registerDevice: {
    request: { siteId: string; name: string; gate: string; requestId: string };
    response: { device: DeviceView; secret: string };
  };
  rotateDeviceSecret: {
    request: { siteId: string; deviceId: string; requestId: string };
    response: { device: DeviceView; secret: string };
  };
  /**
   * 卡务 for a site without its own card system: CSV with a header line
   * `number,type,phone,validFrom,validTo,balanceFen,plate` (type: member/stored/access or 会员卡/车卡/储值卡/门禁卡);
   * a card already there is replaced. Bad lines are reported by number and skipped.
   */
  importCards: {
    request: { siteId: string; csv: string; requestId: string };
    response: { imported: number; problems: Array<{ line: number; message: string }> };
  };
  setDeviceStatus: {
    request: { siteId: string; deviceId: string; status: 'active' | 'disabled'; requestId: string };
    response: { device: DeviceView };
  };
  /** 访客通行证设置 (P7, R14): the site's settings, the defaults filled in */
  visitorSettings: { request: { siteId: string }; response: { settings: VisitorSettings } };
  /** replaces the site's visitor settings; bookings already made keep their approvers */
  setVisitorSettings: {
    request: { siteId: string; settings: VisitorSettings; requestId: string };
    response: { settings: VisitorSettings };
  };
}

export type AdminActions = AdminSettingsActions &
  AdminRetentionActions &
  AdminExitSlipActions &
  AdminChangesActions &
  AdminHousesActions &
  AdminResidenceActions &
  AdminStaffActions &
  AdminPassesActions &
  AdminObserversActions &
  AdminSpecialActions;
