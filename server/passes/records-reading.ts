import { randomBytes } from 'node:crypto';
import type { AccessRecordView } from '../../miniprogram/core/api/admin';
import {
  EXPORT_LINK_SECONDS,
  RECORDS_EXPORT_LIMIT,
  type AuditEntryView,
  type RecordsFilter,
} from '../../miniprogram/core/api/admin-observers';
import { PASS_TYPE_LABELS } from '../../miniprogram/core/api/gate';
import { SHANGHAI_OFFSET_MS } from '../../miniprogram/core/time';
import { sdk } from '../platform/cloud';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import type { RecordsReader } from '../people/observers';
import { AccessRecords, RECORDS_PAGE, recordView, type AccessRecord } from './access-records';

/**
 * Reading the records as an observer (P11) and exporting them (X6): what an observer sees is masked (names cut to
 * their first character, no ids of anyone), and every observer's read and every export is written to the site's
 * audit log (审计日志, collection `auditLog`), which administrators read.
 */

/** One line of the audit log: who read what, when, and how many records they got. */
export interface AuditEntry extends Stored {
  siteId: string;
  at: Date;
  action: 'records' | 'exportRecords';
  /** the reader: user id and name (an observer's as the administrator entered it); account deletion anonymises */
  actor: { userId: string; role: 'admin' | 'observer'; name: string };
  filters: RecordsFilter & { page?: number };
  rows: number;
  /** an export's file in storage, until the daily purge deletes it (server/passes/records-retention.ts) */
  fileId?: string;
}

export class AuditLog extends Repository<AuditEntry> {
  constructor() {
    super('auditLog');
  }

  async page(siteId: string, page: number): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
    const found = await this.find(
      { siteId },
      { orderBy: [['at', 'desc']], skip: (page - 1) * RECORDS_PAGE, limit: RECORDS_PAGE + 1 },
    );
    return { entries: found.slice(0, RECORDS_PAGE), hasMore: found.length > RECORDS_PAGE };
  }
}

/** Writes the reader's read (or export) into the site's audit log. */
export async function audit(
  reader: RecordsReader,
  action: AuditEntry['action'],
  filters: AuditEntry['filters'],
  rows: number,
  now: Date,
  fileId?: string,
): Promise<void> {
  const name = reader.membership.observer?.name ?? reader.user.name ?? reader.user.nickname ?? '未填写姓名';
  await new AuditLog().insert({
    siteId: reader.site._id,
    at: now,
    action,
    actor: { userId: reader.user._id, role: reader.role, name },
    filters,
    rows,
    ...(fileId ? { fileId } : {}),
  });
}

export function auditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    id: entry._id,
    at: new Date(entry.at).toISOString(),
    action: entry.action,
    actor: { name: entry.actor.name, role: entry.actor.role },
    filters: entry.filters,
    rows: entry.rows,
  };
}

/** 王伟 → 王*, 欧阳娜娜 → 欧***: enough to tell records apart, not enough to name someone. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** A record as an observer reads it (and as every export writes it): the names masked. */
export function maskedRecordView(record: AccessRecord): AccessRecordView {
  const view = recordView(record);
  return {
    ...view,
    ...(view.holderName ? { holderName: maskName(view.holderName) } : {}),
    ...(view.host ? { host: maskName(view.host) } : {}),
    actor: { kind: view.actor.kind, ...(view.actor.name ? { name: maskName(view.actor.name) } : {}) },
  };
}

const KIND_WORDS: Record<AccessRecordView['kind'], string> = {
  issue: '领取通行码',
  scan: '扫码',
  release: '放行',
  refusal: '拒绝',
  open: '开门',
};
const ACTOR_WORDS: Record<AccessRecordView['actor']['kind'], string> = {
  guard: '门岗',
  device: '门禁',
  resident: '本人',
};

export const EXPORT_HEADER = [
  '时间',
  '事件',
  '结果',
  '原因',
  '通行证类型',
  '持证人',
  '房屋',
  '受访人',
  '门岗',
  '方向',
  '体温',
  '操作方',
];

/** `YYYY-MM-DD HH:mm:ss` in Shanghai, whatever the machine's zone. */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would take for a formula
 * (= + - @ first) gets a leading apostrophe, so a name typed as a formula stays text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportLine(view: AccessRecordView): string {
  const cells = [
    shanghaiTime(view.at),
    KIND_WORDS[view.kind],
    view.result === 'ok' ? '成功' : '拒绝',
    view.result === 'refused' ? (view.message ?? view.reason ?? '') : '',
    view.passType ? (PASS_TYPE_LABELS[view.passType as keyof typeof PASS_TYPE_LABELS] ?? view.passType) : '',
    view.holderName ?? '',
    view.house ?? '',
    view.host ?? '',
    view.gate ?? '',
    view.direction === 'in' ? '进' : '出',
    view.temperature !== undefined ? view.temperature.toFixed(1) : '',
    view.actor.name ? `${ACTOR_WORDS[view.actor.kind]} ${view.actor.name}` : ACTOR_WORDS[view.actor.kind],
  ];
  return cells.map(csvCell).join(',');
}

/** The filters as the records query takes them. */
export function recordsQuery(siteId: string, filter: RecordsFilter) {
  return {
    siteId,
    ...(filter.from ? { from: new Date(filter.from) } : {}),
    ...(filter.to ? { to: new Date(filter.to) } : {}),
    ...(filter.gate ? { gate: filter.gate } : {}),
    ...(filter.passType ? { passType: filter.passType } : {}),
    ...(filter.result ? { result: filter.result } : {}),
  };
}

/**
 * The export (X6): the filtered records, newest first, at most RECORDS_EXPORT_LIMIT, masked, as a CSV file in the
 * environment's storage (exports/<site>/…), answered with a temporary link; written to the audit log.
 */
export async function exportRecords(reader: RecordsReader, filter: RecordsFilter, now: Date) {
  const records = await new AccessRecords().upTo(recordsQuery(reader.site._id, filter), RECORDS_EXPORT_LIMIT + 1);
  const truncated = records.length > RECORDS_EXPORT_LIMIT;
  const rows = records.slice(0, RECORDS_EXPORT_LIMIT);
  const text = `\uFEFF${[EXPORT_HEADER.join(','), ...rows.map((r) => exportLine(maskedRecordView(r)))].join('\r\n')}\r\n`;
  const stamp = shanghaiTime(now.toISOString()).replace(/[-: ]/g, '').slice(0, 12);
  const fileName = `出入记录-${stamp}.csv`;
  const cloudPath = `exports/${reader.site._id}/${stamp}-${randomBytes(8).toString('hex')}.csv`;
  const uploaded = await sdk().uploadFile({ cloudPath, fileContent: Buffer.from(text, 'utf8') });
  const link = await sdk().getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: EXPORT_LINK_SECONDS }] });
  const item = link?.fileList[0];
  if (!item || item.status !== 0 || !item.tempFileURL) throw new AppError('INTERNAL', '导出文件生成失败，请稍后重试');
  await audit(reader, 'exportRecords', filter, rows.length, now, uploaded.fileID);
  return {
    url: item.tempFileURL,
    fileName,
    rows: rows.length,
    truncated,
    expiresAt: new Date(now.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString(),
  };
}
