/**
 * The `visitor` function (访客预约) for pages: a site's visitor form, book, invite, my bookings, the approver's
 * inbox, one booking, decide, cancel. The contract is core/api/visitor.ts.
 */
import type { VisitDetail, VisitInput, VisitorActions, Visit } from '../core/api/visitor';
import type { Envelope } from '../core/envelope';
import { cloudFunction } from './cloud';

const visitor = cloudFunction<VisitorActions>('visitor');

/** What the visitor form of `siteId` shows and requires (访客通行证设置). */
export function visitorSettings(siteId: string): Promise<Envelope<VisitorActions['settings']['response']>> {
  return visitor.query('settings', { siteId });
}

/** A visitor books a visit; its approvers are told. */
export function bookVisit(input: Omit<VisitInput, 'requestId'>): Promise<Envelope<{ visit: VisitDetail }>> {
  return visitor.mutate('book', input);
}

/** A resident invites a visitor: approved at once where the site allows it. */
export function inviteVisitor(
  input: Omit<VisitInput, 'requestId' | 'hostName' | 'hostPhone'>,
): Promise<Envelope<{ visit: VisitDetail }>> {
  return visitor.mutate('invite', input);
}

/** My bookings and invitations, newest first. */
export function myVisits(page = 1): Promise<Envelope<{ items: Visit[]; hasMore: boolean }>> {
  return visitor.query('mine', { page });
}

/** The bookings I may decide: pending first, with how many wait. */
export function visitInbox(page = 1): Promise<Envelope<{ items: Visit[]; hasMore: boolean; pending: number }>> {
  return visitor.query('inbox', { page });
}

/** One booking, to those who may see it (NOT_FOUND to anyone else); `key` is the SMS link's, for a visitor without the app. */
export function visitDetail(visitId: string, key?: string): Promise<Envelope<{ visit: VisitDetail }>> {
  return visitor.query('detail', key ? { visitId, key } : { visitId });
}

/** 通过 / 拒绝, once: a second decision is CONFLICT. */
export function decideVisit(
  visitId: string,
  approve: boolean,
  reason?: string,
): Promise<Envelope<{ visit: VisitDetail }>> {
  return visitor.mutate('decide', { visitId, approve, ...(reason ? { reason } : {}) });
}

export function cancelVisit(visitId: string): Promise<Envelope<{ visit: VisitDetail }>> {
  return visitor.mutate('cancel', { visitId });
}
