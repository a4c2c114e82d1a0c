/**
 * How 出入记录 (P12) writes a record and its filters: only the records page uses this, so it stays in the admin
 * subpackage. Times are Shanghai wall time (core/visit-time.ts), whatever the phone's zone.
 */
import type { AccessRecordView } from '../../../core/api/admin';
import { PASS_TYPE_LABELS } from '../../../core/api/gate';
import { formatDateTime, shanghai, type Instant } from '../../../core/visit-time';

/** The date chips: a range ending now, counted in Shanghai calendar days (今天 starts at 00:00 +08:00). */
export type RecordsRange = 'today' | 'week' | 'month';
export const RECORDS_RANGES: Array<{ value: RecordsRange; label: string; days: number }> = [
  { value: 'today', label: '今天', days: 1 },
  { value: 'week', label: '近7天', days: 7 },
  { value: 'month', label: '近30天', days: 30 },
];

/** 全部 sends no `result`: the function then answers both kinds */
export type RecordsResult = 'all' | 'ok' | 'refused';
export const RECORDS_RESULTS: Array<{ value: RecordsResult; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'ok', label: '放行' },
  { value: 'refused', label: '拒绝' },
];

/** 全部 sends no `passType` */
export type RecordsPassType = 'all' | 'resident' | 'visitor' | 'special' | 'exitSlip';
export const RECORDS_PASS_TYPES: Array<{ value: RecordsPassType; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'resident', label: '住户' },
  { value: 'visitor', label: '访客' },
  { value: 'special', label: '专用' },
  { value: 'exitSlip', label: '出门条' },
];

/** The start of the range as the function's `from`: midnight in Shanghai, `days - 1` days before today. */
export function rangeStart(range: RecordsRange, now: Instant): string {
  const days = RECORDS_RANGES.find((r) => r.value === range)?.days ?? 1;
  return shanghai(now)
    .startOf('day')
    .subtract(days - 1, 'day')
    .toISOString();
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

export interface RecordRow {
  id: string;
  time: string;
  /** the holder as the function answers it (masked there), or 未识别 for a code that named nobody */
  holder: string;
  /** the house, the host's house and host for a visitor, or the organisation for a 专用通行证 */
  house: string;
  passType: string;
  /** 东门 · 门岗 王强 */
  where: string;
  refused: boolean;
  /** 放行 / 领取通行码 …, or 拒绝 with the refusal's words */
  outcome: string;
}

export function recordRow(record: AccessRecordView): RecordRow {
  const refused = record.result === 'refused';
  const actor = record.actor.name
    ? `${ACTOR_WORDS[record.actor.kind]} ${record.actor.name}`
    : ACTOR_WORDS[record.actor.kind];
  // a 专用通行证 holder lives nowhere on the site: their organisation says who they are there
  const house = record.host
    ? `${record.house ?? ''} · 受访 ${record.host}`
    : (record.house ?? record.organisation ?? '');
  return {
    id: record.id,
    time: formatDateTime(record.at),
    holder: record.holderName ?? '未识别',
    house,
    passType: record.passType
      ? (PASS_TYPE_LABELS[record.passType as keyof typeof PASS_TYPE_LABELS] ?? record.passType)
      : '',
    where: [record.gate, actor].filter(Boolean).join(' · '),
    refused,
    outcome: refused ? `拒绝：${record.message ?? record.reason ?? '未说明原因'}` : KIND_WORDS[record.kind],
  };
}
