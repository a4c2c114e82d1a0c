import { VISITOR_DATA_RETENTION_DAYS } from '../miniprogram/core/retention-rules';
import { accessRecord } from '../server/passes/access-records';
import { newPassId } from '../server/passes/pass-codes';
import type { VisitDocument } from '../server/visitors/visits';

/**
 * Two visits at 海信慧园 for `npm start` (scripts/app.ts, `demoVisits`), so 访客预约 has something to show:
 *
 * - 王强 asks to visit 张伟 tomorrow 10:00–12:00 — pending, in 张伟's (and 陈静's) 访客审批 to approve or reject;
 * - 李娜 visits 张伟 tomorrow 14:00–17:00 — approved by 张伟, with its pass (not valid until tomorrow 14:00) on
 *   李娜's 我的预约 → detail, and in 张伟's 访客审批 among the decided ones.
 *
 * Not loaded by the tests' clouds (test/support/app-cloud.ts): their pages and functions tests count a person's
 * bookings from none (test/functions/demo-visits.test.ts loads these to check them). No notifications are queued:
 * the detail's delivery states stay empty.
 */
export const DEMO_VISIT_IDS = { pending: 'visit-demo-wangqiang', approved: 'visit-demo-lina' } as const;

const SITE = { id: 'site-haixin-huiyuan', name: '海信慧园' };
const HOST = {
  name: '张伟',
  phone: '13912340001',
  userId: 'user-zhangwei',
  houseId: 'house-hx-3-2-301',
  houseLabel: '3栋2单元301',
};

/** `hh:mm` tomorrow in Shanghai, the day after `now`'s date there. */
function tomorrowAt(now: Date, time: string): Date {
  const shanghaiDate = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const today = new Date(`${shanghaiDate}T${time}:00+08:00`);
  return new Date(today.getTime() + 24 * 3600_000);
}

function visit(
  now: Date,
  id: string,
  visitor: { name: string; phone: string; userId: string },
  window: [string, string],
  purpose: string,
): VisitDocument {
  const endsAt = tomorrowAt(now, window[1]);
  return {
    _id: id,
    siteId: SITE.id,
    siteName: SITE.name,
    origin: 'booking',
    status: 'pending',
    host: HOST,
    visitor,
    bookedBy: visitor.userId,
    // 海信慧园's administrators approve too (adminsApprove, demo/data.ts): 陈静 sees them in her 访客审批
    approverIds: [HOST.userId, 'user-chenjing'],
    purpose,
    startsAt: tomorrowAt(now, window[0]),
    endsAt,
    face: 'none',
    retainUntil: new Date(endsAt.getTime() + VISITOR_DATA_RETENTION_DAYS.default * 86_400_000),
    createdAt: now,
    updatedAt: now,
  };
}

/** The demo visits and the approved one's pass (its issue record), stamped `now`. */
export function demoVisitDocuments(now: Date): {
  visits: VisitDocument[];
  accessRecords: Array<Record<string, unknown>>;
} {
  const pending = visit(
    now,
    DEMO_VISIT_IDS.pending,
    { name: '王强', phone: '13912340002', userId: 'user-wangqiang' },
    ['10:00', '12:00'],
    '送还借用工具',
  );
  const approved: VisitDocument = {
    ...visit(
      now,
      DEMO_VISIT_IDS.approved,
      { name: '李娜', phone: '13912340003', userId: 'user-lina' },
      ['14:00', '17:00'],
      '探亲访友',
    ),
    status: 'approved',
    decision: { at: now, byId: HOST.userId, by: HOST.name },
    passId: newPassId(),
  };
  const { _id, ...issue } = accessRecord.issue({
    siteId: SITE.id,
    at: now,
    actor: { kind: 'guard', id: HOST.userId, name: HOST.name },
    pass: { id: approved.passId!, type: 'visitor' },
    holder: { id: approved.visitor.userId!, name: approved.visitor.name },
    house: { id: HOST.houseId, label: HOST.houseLabel },
    visit: { id: approved._id, host: HOST.name },
  });
  return { visits: [pending, approved], accessRecords: [{ _id, ...issue }] };
}
