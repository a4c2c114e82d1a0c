/** How a slip reads on the list and detail pages: its state in words and tone, and its fields as rows. */
import type { ExitSlipView } from '../../../core/api/admin-exit-slip';
import { EXIT_SLIP_FORM_FIELD_LABELS } from '../../../core/api/admin-exit-slip';
import { formatDateTime } from '../../../core/visit-time';
import { exitSlipDayLabel } from '../rules';

export type Tone = 'waiting' | 'ok' | 'done' | 'refused';

/** The slip's state, as its owner needs to act on it. */
export function slipState(slip: ExitSlipView): { label: string; tone: Tone } {
  if (slip.status === 'pending') return { label: '待审核', tone: 'waiting' };
  if (slip.status === 'rejected') return { label: '未通过', tone: 'refused' };
  switch (slip.pass?.state) {
    case 'used':
      return { label: '已使用', tone: 'done' };
    case 'expired':
      return { label: '已过期', tone: 'done' };
    case 'notYet':
      return { label: '已通过', tone: 'ok' };
    default:
      return { label: '可使用', tone: 'ok' };
  }
}

export function listItem(slip: ExitSlipView) {
  const state = slipState(slip);
  return {
    id: slip.id,
    stateLabel: state.label,
    tone: state.tone,
    day: `${exitSlipDayLabel(slip.date)}出门`,
    house: `${slip.site.name} ${slip.house}`,
    goods: slip.goods ?? '',
  };
}

/** The rows of the detail: what was asked for, and when it was decided. A long value goes under its label. */
export function detailRows(slip: ExitSlipView): Array<{ label: string; value: string; long: boolean }> {
  return shortRows(slip).map((row) => ({ ...row, long: !row.label.endsWith('时间') && [...row.value].length > 14 }));
}

function shortRows(slip: ExitSlipView): Array<{ label: string; value: string }> {
  const rows = [
    { label: '出门日期', value: exitSlipDayLabel(slip.date) },
    { label: '房屋', value: `${slip.site.name} ${slip.house}` },
    { label: '申请人', value: slip.applicant },
  ];
  for (const field of ['goods', 'plate', 'carrier', 'company', 'remark'] as const) {
    const value = slip[field];
    if (value) rows.push({ label: EXIT_SLIP_FORM_FIELD_LABELS[field], value });
  }
  if (slip.photos?.length) rows.push({ label: '物品照片', value: `${slip.photos.length} 张` });
  rows.push({ label: '申请时间', value: formatDateTime(slip.appliedAt) });
  if (slip.decidedAt) rows.push({ label: '审核时间', value: formatDateTime(slip.decidedAt) });
  return rows;
}
