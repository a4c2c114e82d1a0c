/**
 * The `admin` function's 观察员 (P11), 审计日志 and 导出 (X6) actions for the back-office pages: the observers page,
 * the audit log page and the records page's export.
 */
import type { AdminObserversActions, RecordsFilter } from '../../../core/api/admin-observers';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

type Response<A extends keyof AdminObserversActions> = Promise<Envelope<AdminObserversActions[A]['response']>>;

const admin = cloudFunction<AdminObserversActions>('admin');

export function listObservers(siteId: string): Response<'observers'> {
  return admin.query('observers', { siteId });
}

export interface NewObserver {
  phone: string;
  name: string;
  organisation: string;
  expiresOn?: string;
}

export function addObserver(siteId: string, observer: NewObserver): Response<'addObserver'> {
  return admin.mutate('addObserver', { siteId, ...observer });
}

export function revokeObserver(siteId: string, id: string): Response<'revokeObserver'> {
  return admin.mutate('revokeObserver', { siteId, id });
}

export function auditLog(siteId: string, page: number): Response<'auditLog'> {
  return admin.query('auditLog', { siteId, page });
}

export function exportRecords(siteId: string, filter: RecordsFilter): Response<'exportRecords'> {
  return admin.mutate('exportRecords', { siteId, ...filter });
}
