/**
 * A booking in words, as the visitor pages show it: the list row (status tag, who, the window), the detail's and the
 * approval page's rows (R17, R18), and where each notification stands (X5). Every date through core/visit-time.ts, on
 * Shanghai time.
 */
import {
  DELIVERY_STATE_LABELS,
  VISIT_STATUS_LABELS,
  VISITOR_FORM_FIELD_LABELS,
  type FaceState,
  type NotificationSummary,
  type Visit,
  type VisitorPass,
  type VisitStatus,
} from '../../../core/api/visitor';
import {
  formatDateTime as dateTimeWords,
  timeAgo as agoWords,
  visitWindowWords as windowWords,
} from '../../../core/visit-time';

/** TDesign tag themes: each meets 4.5:1 in its `light` variant */
const STATUS_THEMES: Record<VisitStatus, string> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'default',
};

export interface VisitRow {
  id: string;
  status: VisitStatus;
  statusLabel: string;
  statusTheme: string;
  /** 来访人 张三 → 受访人 李四, or 邀请 张三 */
  who: string;
  window: string;
  site: string;
  created: string;
}

export function visitRow(visit: Visit, now: Date): VisitRow {
  return {
    id: visit.id,
    status: visit.status,
    statusLabel: VISIT_STATUS_LABELS[visit.status],
    statusTheme: STATUS_THEMES[visit.status],
    who:
      visit.origin === 'invitation'
        ? `邀请访客 ${visit.visitor.name}`
        : `来访人 ${visit.visitor.name} · 受访人 ${visit.host.name}`,
    window: windowWords(visit.startsAt, visit.endsAt, now),
    site: visit.site.name,
    created: agoWords(visit.createdAt, now),
  };
}

export interface LabelledValue {
  label: string;
  value: string;
}

const FACE_WORDS: Record<FaceState, string> = {
  none: '无需登记',
  skipped: '已跳过',
  atGate: '到访时在门岗登记',
  uploaded: '已登记',
};

/** 访客预约审批 (R18), in the manual's order; the ID number as the function gave it (masked). */
export function approvalRows(visit: Visit): LabelledValue[] {
  const rows: LabelledValue[] = [
    { label: '受访人姓名', value: visit.host.name },
    { label: '受访人电话', value: visit.host.phone },
    { label: '来访人姓名', value: visit.visitor.name },
  ];
  if (visit.visitor.idNumber) rows.push({ label: '来访人证件号码', value: visit.visitor.idNumber });
  rows.push(
    { label: '启用日期', value: dateTimeWords(visit.startsAt) },
    { label: '截止日期', value: dateTimeWords(visit.endsAt) },
    { label: '所属场区', value: visit.site.name },
    { label: '登记日期', value: dateTimeWords(visit.createdAt) },
    { label: '审核状态', value: VISIT_STATUS_LABELS[visit.status] },
  );
  return rows;
}

/** The booking's detail (R17): the approval rows, then what else the visitor told. */
export function detailRows(visit: Visit): LabelledValue[] {
  const rows = approvalRows(visit);
  const extra: LabelledValue[] = [
    { label: '来访人电话', value: visit.visitor.phone },
    { label: '来访目的', value: visit.purpose },
  ];
  if (visit.plate) extra.push({ label: VISITOR_FORM_FIELD_LABELS.plate, value: visit.plate });
  if (visit.companions !== undefined) {
    extra.push({ label: VISITOR_FORM_FIELD_LABELS.companions, value: `${visit.companions}人` });
  }
  if (visit.company) extra.push({ label: VISITOR_FORM_FIELD_LABELS.company, value: visit.company });
  if (visit.face !== 'none') extra.push({ label: '人脸登记', value: FACE_WORDS[visit.face] });
  return [...rows, ...extra];
}

/** 审核结果: who decided when, and why not. */
export function decisionWords(visit: Visit, now: Date): string {
  if (!visit.decision) return '';
  const { by, at, reason } = visit.decision;
  const verdict = visit.status === 'approved' ? '通过' : visit.status === 'rejected' ? '拒绝' : '处理';
  return `${by} ${agoWords(at, now)}${verdict}${reason ? `：${reason}` : ''}`;
}

const NOTIFICATION_WORDS: Record<NotificationSummary['kind'], string> = {
  visitRequested: '新的访客预约',
  visitApproved: '预约已通过',
  visitRejected: '预约未通过',
  visitInvited: '访客邀请',
  residenceApplied: '入住申请',
  exitSlipApplied: '出门条申请',
  exitSlipApproved: '出门条已通过',
  exitSlipRejected: '出门条未通过',
};

/** X5: each notification and where its WeChat message and SMS stand. */
export function notificationLines(notifications: NotificationSummary[]): LabelledValue[] {
  return notifications.map((item) => ({
    label: `${item.to === 'approver' ? '通知审批人' : '通知访客'}：${NOTIFICATION_WORDS[item.kind]}`,
    value: `微信 ${DELIVERY_STATE_LABELS[item.wechat]} · 短信 ${DELIVERY_STATE_LABELS[item.sms]}`,
  }));
}

/** The visitor pass when it is not to be shown as a QR: in words, with what happened. */
export function passWords(pass: VisitorPass, now: Date): { title: string; detail: string } {
  switch (pass.state) {
    case 'used':
      return {
        title: '通行证已使用',
        detail: pass.used ? `${pass.used.at ? dateTimeWords(pass.used.at) : ''} 在 ${pass.used.gate} 通行` : '',
      };
    case 'expired':
      return { title: '通行证已过期', detail: `有效期至 ${dateTimeWords(pass.expiresAt)}` };
    case 'notYet':
      return { title: '通行证尚未生效', detail: `${windowWords(pass.validFrom, pass.expiresAt, now)} 可用` };
    default:
      return { title: '访客通行证', detail: `${windowWords(pass.validFrom, pass.expiresAt, now)} 有效，仅限一次` };
  }
}
