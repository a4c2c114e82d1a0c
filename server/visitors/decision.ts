import { VISIT_STATUS_LABELS, type Visit, type VisitDetail } from '../../miniprogram/core/api/visitor';
import type { TransactionScope } from '../platform/db-types';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { UserRepository } from '../people/users';
import { visitLink } from './link';
import { claimWithKey, newVisitorKey } from './visitor-key';
import { notifyVisitor } from './notices';
import { issueVisitorPass } from './visitor-pass';
import { mayCancel, readable, visitDetail, visitView } from './views';
import { VISITS_PAGE, VisitRepository, type VisitDocument } from './visits';

/**
 * 审核 (R16, R18) and what the visitor and the approvers read (R17). A decision is single: it is made in a transaction
 * that reads the visit as pending and writes it decided, and a second transaction that read it pending before the
 * first committed is refused at its commit (a write conflict) and, run again, finds it decided — so of two approvers
 * deciding at once exactly one decides and the other is told CONFLICT. The pass, its issue record and the visitor's
 * notification are written in the same transaction as the decision.
 */

/** what an approver or the visitor hears when the database keeps refusing their transaction for another's */
const BUSY = '该预约正在被处理，请刷新后查看';

export async function detail(context: ActionContext, visitId: string, key?: string): Promise<{ visit: VisitDetail }> {
  const user = await context.user();
  const found = await new VisitRepository().get(visitId);
  // opened from the SMS link by a visitor who has no user on the visit yet: the link's key makes them its visitor
  const claimed = found && key ? await claimWithKey(found, key, user._id) : null;
  const { visit, reader } = readable(claimed ?? found, user._id);
  return { visit: await visitDetail(visit, reader, context.now) };
}

export async function decide(
  context: ActionContext,
  input: { visitId: string; approve: boolean; reason?: string },
): Promise<{ visit: VisitDetail }> {
  const user = await context.user();
  const { visit: read, reader } = readable(await new VisitRepository().get(input.visitId), user._id);
  if (!reader.approver) throw new AppError('FORBIDDEN', '您不是该预约的审核人');
  const by = user.name ?? user.nickname ?? '审核人';
  const { now } = context;
  // the SMS's link to the visit, made before the transaction (a decision already made wastes one, nothing more)
  // a visitor with no user yet (invited by phone) opens the visit by the link's key; a fresh key replaces any earlier
  const visitorKey = read.visitor.userId ? undefined : newVisitorKey();
  const link = read.status === 'pending' ? await visitLink(read._id, read.endsAt, visitorKey?.key) : undefined;
  const decided = await inTransaction(BUSY, async (tx) => {
    const visit = await visitIn(tx, input.visitId);
    if (visit.status !== 'pending') throw new AppError('CONFLICT', alreadyDecided(visit));
    if (input.approve && now >= visit.endsAt) throw new AppError('CONFLICT', '来访时间已过，不能再通过');
    visit.status = input.approve ? 'approved' : 'rejected';
    visit.decision = { at: now, byId: user._id, by, ...(input.reason ? { reason: input.reason } : {}) };
    visit.updatedAt = now;
    if (input.approve) visit.passId = await issueVisitorPass(tx, visit, { kind: 'guard', id: user._id, name: by }, now);
    await tx
      .collection('visits')
      .doc(visit._id)
      .update({
        data: {
          status: visit.status,
          decision: visit.decision,
          updatedAt: now,
          ...(visit.passId ? { passId: visit.passId } : {}),
          ...(visitorKey && !visit.visitor.userId ? { visitorKeyHash: visitorKey.hash } : {}),
        },
      });
    const openid = visit.visitor.userId ? (await new UserRepository().get(visit.visitor.userId))?.openid : undefined;
    await notifyVisitor(tx, visit, input.approve ? 'visitApproved' : 'visitRejected', openid, link, input.reason);
    return visit;
  });
  return { visit: await visitDetail(decided, reader, now) };
}

export async function cancel(context: ActionContext, visitId: string): Promise<{ visit: VisitDetail }> {
  const user = await context.user();
  const { reader } = readable(await new VisitRepository().get(visitId), user._id);
  if (!mayCancel(reader)) throw new AppError('FORBIDDEN', '只有来访人或邀请人可以取消预约');
  const { now } = context;
  const cancelled = await inTransaction(BUSY, async (tx) => {
    const visit = await visitIn(tx, visitId);
    if (visit.status !== 'pending' && visit.status !== 'approved')
      throw new AppError('CONFLICT', alreadyDecided(visit));
    if (now >= visit.endsAt) throw new AppError('CONFLICT', '来访时间已过，无需取消');
    await tx
      .collection('visits')
      .doc(visitId)
      .update({ data: { status: 'cancelled', updatedAt: now } });
    return { ...visit, status: 'cancelled' as const, updatedAt: now };
  });
  return { visit: await visitDetail(cancelled, reader, now) };
}

export async function mine(context: ActionContext, page: number): Promise<{ items: Visit[]; hasMore: boolean }> {
  const user = await context.user();
  const found = await new VisitRepository().mine(user._id, page);
  return { items: found.slice(0, VISITS_PAGE).map(visitView), hasMore: found.length > VISITS_PAGE };
}

/** Pending first (all of them, on the first page), then the decided ones a page at a time, newest first. */
export async function inbox(
  context: ActionContext,
  page: number,
): Promise<{ items: Visit[]; hasMore: boolean; pending: number }> {
  const user = await context.user();
  const visits = new VisitRepository();
  const [pending, decided] = await Promise.all([
    visits.forApprover(user._id, 'pending', 0, 100),
    visits.forApprover(user._id, 'decided', (page - 1) * VISITS_PAGE, VISITS_PAGE + 1),
  ]);
  const items = [...(page === 1 ? pending : []), ...decided.slice(0, VISITS_PAGE)];
  return { items: items.map(visitView), hasMore: decided.length > VISITS_PAGE, pending: pending.length };
}

async function visitIn(tx: TransactionScope, visitId: string): Promise<VisitDocument> {
  const { data } = await tx.collection('visits').doc(visitId).get<Omit<VisitDocument, '_id'>>();
  return { ...data, _id: visitId } as VisitDocument;
}

function alreadyDecided(visit: VisitDocument): string {
  return `该预约${VISIT_STATUS_LABELS[visit.status]}，不能重复处理`;
}
