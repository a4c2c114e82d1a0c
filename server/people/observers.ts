import type { ObserverView } from '../../miniprogram/core/api/admin-observers';
import { maskPhone } from '../accounts/profile';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { SiteRepository, type Site } from '../sites/site';
import { InvitationRepository, type Invitation } from './invitations';
import { inForce, MembershipRepository, type Membership, type ObserverDetails, type User } from './users';

/**
 * 观察员 (P11): people an administrator lets read the site's access records — the 街道办, the 派出所. The
 * administrator enters phone, name and organisation and, optionally, the last day; that makes an invitation (the
 * staff invitation machinery, server/people/invitations.ts) for role `observer` carrying those details, and the
 * person opens its code in the mini-program, signed in with that phone. The membership then carries the details and
 * the expiry; a revoked or expired observer is refused with words saying so.
 */

/** Who reads the records: the site's administrator, or one of its observers whose right holds now. */
export type RecordsReader = { role: 'admin' | 'observer'; user: User; membership: Membership; site: Site };

/**
 * The caller may read the site's records: an administrator, or an observer neither revoked nor expired. An observer
 * whose right ended hears why (revoked, or expired on which day); anyone else is FORBIDDEN.
 */
export async function recordsReader(context: ActionContext, siteId: string): Promise<RecordsReader> {
  const user = await context.user();
  const memberships = await new MembershipRepository().find(
    { userId: user._id, siteId, role: new MembershipRepository().command().in(['admin', 'observer']) },
    { limit: 20 },
  );
  const admin = memberships.find((m) => m.role === 'admin' && m.status === 'active');
  // a person invited again holds a second observer membership: the one in force speaks for them
  const observers = memberships.filter((m) => m.role === 'observer');
  const observer =
    observers.find((m) => inForce(m, context.now)) ?? observers.find((m) => m.status === 'active') ?? observers[0];
  const membership = admin ?? observer;
  if (!membership) throw new AppError('FORBIDDEN');
  if (!admin) {
    if (membership.status !== 'active') throw new AppError('FORBIDDEN', '您的观察员权限已被物业撤销');
    const ends = membership.observer?.expiresAt;
    if (ends && new Date(ends) <= context.now) {
      throw new AppError('FORBIDDEN', `您的观察员权限已于 ${shanghaiDay(new Date(ends))} 到期，请联系物业`);
    }
  }
  const site = await new SiteRepository().get(siteId);
  if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
  return { role: admin ? 'admin' : 'observer', user, membership, site };
}

/** The day an expiry falls on, as the administrator picked it: the right ends when that Shanghai day ends. */
function shanghaiDay(expiresAt: Date): string {
  return new Date(expiresAt.getTime() - 1 + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The site's observers: the bound ones (not revoked) and the open invitations, newest first. */
export async function observersOf(siteId: string, now: Date): Promise<ObserverView[]> {
  const [bound, invited] = await Promise.all([
    new MembershipRepository().find(
      { siteId, role: 'observer', status: 'active' },
      { orderBy: [['createdAt', 'desc']], limit: 200 },
    ),
    new InvitationRepository().open(siteId, now, ['observer']),
  ]);
  return [...invited.filter((i) => i.observer).map((i) => invitedView(i)), ...bound.map((m) => boundView(m, now))];
}

export function invitedView(invitation: Invitation): ObserverView {
  const details = invitation.observer as ObserverDetails;
  return {
    id: invitation._id,
    status: 'pending',
    ...detailsView(details),
    since: new Date(invitation.createdAt).toISOString(),
    invitationExpiresAt: new Date(invitation.expiresAt).toISOString(),
  };
}

function boundView(membership: Membership, now: Date): ObserverView {
  const details = membership.observer ?? { name: '观察员', phone: '', organisation: '' };
  const expired = !!details.expiresAt && new Date(details.expiresAt) <= now;
  return {
    id: membership._id,
    status: expired ? 'expired' : 'active',
    ...detailsView(details),
    since: new Date(membership.createdAt).toISOString(),
  };
}

function detailsView(details: ObserverDetails): Pick<ObserverView, 'name' | 'organisation' | 'phone' | 'expiresAt'> {
  return {
    name: details.name,
    organisation: details.organisation,
    phone: details.phone ? maskPhone(details.phone) : '',
    ...(details.expiresAt ? { expiresAt: new Date(details.expiresAt).toISOString() } : {}),
  };
}

/** Ends an observer's right (a bound one) or withdraws their invitation (a pending one). */
export async function revokeObserver(siteId: string, id: string, byId: string, now: Date): Promise<void> {
  const memberships = new MembershipRepository();
  const found = await memberships.get(id);
  if (found) {
    if (found.siteId !== siteId || found.role !== 'observer') throw new AppError('NOT_FOUND', '找不到这位观察员');
    if (found.status === 'active')
      await memberships.update(found._id, { status: 'revoked', revokedAt: now, revokedBy: byId });
    return;
  }
  const invitations = new InvitationRepository();
  const invitation = await invitations.get(id);
  if (!invitation || invitation.siteId !== siteId || invitation.role !== 'observer') {
    throw new AppError('NOT_FOUND', '找不到这位观察员');
  }
  await invitations.revoke(siteId, id, now);
}
