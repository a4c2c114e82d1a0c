/**
 * How 审计日志 writes an entry (观察员 P11, 导出 X6): who (name and role), what (查看 or 导出), the filters in words,
 * how many records, when in Shanghai.
 */
import type { AuditEntryView } from '../../../core/api/admin-observers';
import { PASS_TYPE_LABELS, type PassType } from '../../../core/api/gate';
import { formatShanghai } from './staff-display';

export interface AuditRow {
  id: string;
  who: string;
  what: string;
  filters: string;
  time: string;
}

const day = (iso: string) => formatShanghai(iso).slice(0, 10);

/** 2026-11-19 至 2026-11-25 · 东门 · 住户通行证 · 拒绝 · 第 2 页 */
export function filterWords(filters: AuditEntryView['filters']): string {
  const { from, to, gate, passType, result, page } = filters;
  const range =
    from || to
      ? `${from ? day(from) : '最早'} 至 ${to ? day(new Date(Date.parse(to) - 1).toISOString()) : '现在'}`
      : '全部日期';
  return [
    range,
    gate ?? '',
    passType ? PASS_TYPE_LABELS[passType as PassType] : '',
    result ? (result === 'ok' ? '放行' : '拒绝') : '',
    page && page > 1 ? `第 ${page} 页` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function auditRow(entry: AuditEntryView): AuditRow {
  return {
    id: entry.id,
    who: `${entry.actor.name}（${entry.actor.role === 'admin' ? '物业管理员' : '观察员'}）`,
    what: `${entry.action === 'exportRecords' ? '导出' : '查看'} ${entry.rows} 条记录`,
    filters: filterWords(entry.filters),
    time: formatShanghai(entry.at),
  };
}
