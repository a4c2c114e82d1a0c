import { createHash, timingSafeEqual } from 'node:crypto';
import type { StaffMemberView, StaffRole } from '../../miniprogram/core/api/admin-staff';
import { maskPhone } from '../accounts/profile';
import { database } from '../platform/cloud';
import type { TransactionScope } from '../platform/db-types';
import { AppError } from '../platform/errors';
import { secret } from '../platform/secrets';
import { SiteRepository } from '../sites/site';
import { MembershipRepository, UserRepository, type Membership, type User } from './users';

/**
 * 工作人员 (X2): a site's administrators and guards. A site always keeps at least one administrator — without one
 * nobody can grant roles, set the pass rules or read the records, and only a database console would bring one back.
 *
 * Every change to a site's administrators (a revocation, an account deletion, a bootstrap) runs under the site's
 * staff lock (`underStaffLock`), so "is there another administrator?" and the change are one step: two
 * administrators revoking each other at the same instant leave exactly one.
 */

/** the lock is a counter on the site's own document: no collection of its own to deploy or clean up */
const STAFF_LOCKS = 'sites';

/** A staff membership's id is fixed by site, person and role, so two grants of the same role at once make one. */
export function staffMembershipId(siteId: string, userId: string, role: StaffRole): string {
  return `staff-${createHash('sha256').update(`${siteId}\n${userId}\n${role}`).digest('hex').slice(0, 32)}`;
}

/**
 * Runs `work` holding the site's staff lock: a transaction that first writes `staffVersion` on the site document.
 * A second transaction writing it conflicts and is retried by the SDK after the first commits, so whatever `work`
 * reads with plain queries already includes every change an earlier holder made. The transaction itself writes only
 * the lock and what `work` writes through `tx`.
 */
export async function underStaffLock<T>(siteId: string, work: (tx: TransactionScope) => Promise<T>): Promise<T> {
  const db = database();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.runTransaction(async (tx) => {
        const site = tx.collection(STAFF_LOCKS).doc(siteId);
        await site.update({ data: { staffVersion: db.command.inc(1) } });
        return work(tx);
      }, 10);
    } catch (error) {
      // an AppError is work's own answer; a conflict that outlived the SDK's retries gets a few more of ours
      if (error instanceof AppError || attempt >= 5 || !isConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

function isConflict(error: unknown): boolean {
  const text = String((error as { errCode?: unknown; message?: unknown })?.message ?? error);
  return /CONFLICT|WriteConflict|conflict/i.test(text);
}

/** The site's active administrators (a site has a handful). */
export function activeAdmins(siteId: string): Promise<Membership[]> {
  return new MembershipRepository().find({ siteId, role: 'admin', status: 'active' }, { limit: 100 });
}

/** Refuses with LAST_ADMIN when taking `leaving` away would leave the site with no administrator. */
export async function keepOneAdmin(siteId: string, leaving: (m: Membership) => boolean): Promise<void> {
  const admins = await activeAdmins(siteId);
  if (admins.every(leaving)) {
    throw new AppError('LAST_ADMIN', '该场区至少要保留一位物业管理员，请先授权另一位管理员');
  }
}

/** The site's administrators and guards, each with their name and masked phone. */
export async function staffOf(siteId: string, me: string): Promise<StaffMemberView[]> {
  const memberships = new MembershipRepository();
  const staff = await memberships.find(
    { siteId, role: memberships.command().in(['admin', 'guard']), status: 'active' },
    { limit: 200 },
  );
  const userIds = [...new Set(staff.map((m) => m.userId))];
  const users = new UserRepository();
  const people = userIds.length ? await users.find({ _id: users.command().in(userIds) }, { limit: 200 }) : [];
  const byId = new Map(people.map((u) => [u._id, u]));
  return staff
    .map((m) => staffView(m, byId.get(m.userId), me))
    .sort((a, b) => (a.role === b.role ? a.since.localeCompare(b.since) : a.role === 'admin' ? -1 : 1));
}

export function staffView(m: Membership, user: User | undefined, me: string): StaffMemberView {
  return {
    id: m._id,
    userId: m.userId,
    role: m.role as StaffRole,
    name: user?.name ?? user?.nickname ?? '未填写姓名',
    ...(user?.phone ? { phone: maskPhone(user.phone) } : {}),
    me: m.userId === me,
    since: new Date(m.createdAt).toISOString(),
  };
}

/**
 * Gives `user` the staff `role` at the site. Holding it already (under any membership) changes nothing; a role
 * revoked before is made active again under its fixed id.
 */
export async function giveRole(siteId: string, user: User, role: StaffRole, now: Date): Promise<Membership> {
  const memberships = new MembershipRepository();
  const held = (await memberships.activeAt(user._id, siteId)).find((m) => m.role === role);
  if (held) return held;
  const membership: Membership = {
    _id: staffMembershipId(siteId, user._id, role),
    userId: user._id,
    siteId,
    role,
    status: 'active',
    createdAt: now,
  };
  const { _id, ...fields } = membership;
  await database().collection('memberships').doc(_id).set({ data: fields });
  return membership;
}

/**
 * Takes a staff membership back. An administrator's goes under the staff lock, refused with LAST_ADMIN when it is the
 * site's last; a guard's needs no lock (nothing depends on a site keeping a guard).
 */
export async function takeRole(siteId: string, membershipId: string, now: Date, byId: string): Promise<void> {
  const memberships = new MembershipRepository();
  const found = await memberships.get(membershipId);
  if (!found || found.siteId !== siteId || (found.role !== 'admin' && found.role !== 'guard')) {
    throw new AppError('NOT_FOUND', '找不到这位工作人员');
  }
  if (found.status !== 'active') return;
  const revoked = { status: 'revoked', revokedAt: now, revokedBy: byId };
  if (found.role === 'guard') {
    await memberships.update(found._id, revoked);
    return;
  }
  await underStaffLock(siteId, async (tx) => {
    await keepOneAdmin(siteId, (m) => m._id === found._id);
    await tx.collection('memberships').doc(found._id).update({ data: revoked });
  });
}

/**
 * The first administrator of a site (docs/deploy.md, 首位管理员): the caller, with an account, when `secret` matches
 * ADMIN_BOOTSTRAP_SECRET and the site has no administrator. Under the staff lock, so two bootstraps at once make one
 * administrator. A wrong secret and a site that has one are both FORBIDDEN: whoever is not setting up a new site has
 * no business here, and learns nothing of which it was.
 */
export async function bootstrapAdmin(siteId: string, user: User, secretGiven: string, now: Date): Promise<Membership> {
  // set only while a new site is being set up (docs/deploy.md): without it the bootstrap is closed, not broken
  const expected =
    process.env.ADMIN_BOOTSTRAP_SECRET || (process.env.LOCALCLOUD_URL ? secret('ADMIN_BOOTSTRAP_SECRET') : '');
  if (!expected) throw new AppError('FORBIDDEN', '未开启管理员初始化');
  if (!sameSecret(secretGiven, expected)) {
    throw new AppError('FORBIDDEN', '初始化口令不正确');
  }
  if (!(await new SiteRepository().get(siteId))) throw new AppError('NOT_FOUND', '该场区不存在');
  const hasAdmin = async () => {
    if ((await activeAdmins(siteId)).length > 0)
      throw new AppError('FORBIDDEN', '该场区已有物业管理员，请由管理员授权');
  };
  await hasAdmin();
  if (!user.phone) throw new AppError('UNAUTHENTICATED', '请先注册或登录账号');
  return underStaffLock(siteId, async (tx) => {
    await hasAdmin();
    const membership: Membership = {
      _id: staffMembershipId(siteId, user._id, 'admin'),
      userId: user._id,
      siteId,
      role: 'admin',
      status: 'active',
      createdAt: now,
    };
    const { _id, ...fields } = membership;
    await tx.collection('memberships').doc(_id).set({ data: fields });
    return membership;
  });
}

/** Compares in constant time, over hashes so the lengths need not match. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
