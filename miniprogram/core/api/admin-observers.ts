/**
 * 观察员 (P11) in the back office: people of the 街道办, 派出所 and the like whom an administrator lets read the
 * site's access records (read-only, names and phones masked), until a date or until revoked; the audit log (审计日志)
 * of every read they make and of every export; and the records export (X6) as a CSV file.
 */
import type { PassType } from './gate';

/** Rows one export holds at most: beyond it the file ends and the answer says `truncated` (narrow the dates). */
export const RECORDS_EXPORT_LIMIT = 10_000;
/** How long the link to an export's file stays good. */
export const EXPORT_LINK_SECONDS = 600;

/** The filters of 出入记录 (P12), as `records` and `exportRecords` take them. */
export interface RecordsFilter {
  /** ISO instants: from inclusive, to exclusive */
  from?: string;
  to?: string;
  /** the gate's name (东门) as the records carry it */
  gate?: string;
  passType?: PassType;
  result?: 'ok' | 'refused';
}

export type ObserverStatus = 'pending' | 'active' | 'expired';

/** One observer as the administrator's list shows them. */
export interface ObserverView {
  /** the membership's id once bound, the invitation's while pending: what revokeObserver names */
  id: string;
  status: ObserverStatus;
  name: string;
  /** 街道办 / 派出所 … */
  organisation: string;
  /** masked (139****0001) */
  phone: string;
  /** the last instant the right holds (exclusive); absent: until revoked */
  expiresAt?: string;
  /** when the invitation was made, or the observer bound */
  since: string;
  /** a pending invitation's code stops working at this instant */
  invitationExpiresAt?: string;
}

/** One line of 审计日志: an observer's read, or an export. */
export interface AuditEntryView {
  id: string;
  at: string;
  action: 'records' | 'exportRecords';
  actor: { name: string; role: 'admin' | 'observer' };
  filters: RecordsFilter & { page?: number };
  rows: number;
}

export interface AdminObserversActions {
  /** the site's observers (bound, or invited and not yet bound); the revoked are not listed */
  observers: { request: { siteId: string }; response: { observers: ObserverView[] } };
  /**
   * Invites an observer: a single-use code, shown once here, that the person opens in the mini-program (我的 → 邀请码)
   * signed in with `phone`. `expiresOn` (YYYY-MM-DD, Shanghai): the right ends when that day does.
   */
  addObserver: {
    request: {
      siteId: string;
      phone: string;
      name: string;
      organisation: string;
      expiresOn?: string;
      requestId: string;
    };
    response: { observer: ObserverView; code: string };
  };
  /** ends an observer's right at once (or withdraws their invitation) */
  revokeObserver: { request: { siteId: string; id: string; requestId: string }; response: { revoked: true } };
  /** 审计日志, newest first, 50 a page */
  auditLog: {
    request: { siteId: string; page?: number };
    response: { entries: AuditEntryView[]; page: number; hasMore: boolean };
  };
  /**
   * The filtered records as a CSV file (UTF-8 with BOM, Chinese header, Shanghai times, names masked, no phones, ID
   * numbers or openids), newest first, at most RECORDS_EXPORT_LIMIT rows; a link good for EXPORT_LINK_SECONDS.
   * Administrators and observers; recorded in the audit log.
   */
  exportRecords: {
    request: RecordsFilter & { siteId: string; requestId: string };
    response: { url: string; fileName: string; rows: number; truncated: boolean; expiresAt: string };
  };
}
