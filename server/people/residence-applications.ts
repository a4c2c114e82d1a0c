import { createHash } from 'node:crypto';
import type {
  ResidenceApplicationForAdmin,
  ResidenceApplicationStatus,
  ResidenceApplicationView,
  ResidenceRelation,
} from '../../miniprogram/core/api/residence';
import { RESIDENCE_STATUS_LABELS } from '../../miniprogram/core/api/residence';
import { maskPhone } from '../accounts/profile';
import { queueNotification } from '../notifications/outbox';
import { database } from '../platform/cloud';
import { takeDailyAllowance } from '../platform/rate-limit';
import { AppError } from '../platform/errors';
import { inTransaction, readInTransaction } from '../platform/transaction';
import type { ActionContext } from '../platform/router';
import { Repository, type Stored } from '../platform/repository';
import { HouseRepository } from '../sites/house';
import { SiteRepository } from '../sites/site';
import { MembershipRepository, UserRepository, type Membership } from './users';

/**
 * 申请入住 (X1). One application document per person and site, its id derived from the two, so "one waiting
 * application per person per site" is a property of the key rather than of a check that two calls could both
 * pass. Applying, approving and rejecting each run in a transaction that reads the application and writes it:
 * of two at once, the second conflicts at commit, runs again, and finds the first one's result. An approval writes
 * the membership in the same transaction, under an id derived from the application and the time it was made,
 * so an application becomes at most one residence.
 */
export interface ResidenceApplication extends Stored {
  siteId: string;
  userId: string;
  houseId: string;
  houseLabel: string;
  name: string;
  relation: ResidenceRelation;
  status: ResidenceApplicationStatus;
  reason?: string;
  appliedAt: Date;
  decidedAt?: Date;
  /** the administrator who decided (a user id) */
  decidedBy?: string;
}

const COLLECTION = 'residenceApplications';
export const APPLICATIONS_PAGE = 20;
/** applications a person may make a day, at all sites together */
const APPLICATIONS_PER_DAY = 10;
const ADMIN_PAGE = 'packages/admin/pages/applications/index';

export class ResidenceApplications extends Repository<ResidenceApplication> {
  constructor() {
    super(COLLECTION);
  }
}

export function applicationId(siteId: string, userId: string): string {
  return createHash('sha256').update(`${siteId}\n${userId}`).digest('hex').slice(0, 32);
}

export function applicationView(application: ResidenceApplication): ResidenceApplicationView {
  return {
    id: application._id,
    siteId: application.siteId,
    houseId: application.houseId,
    house: application.houseLabel,
    name: application.name,
    relation: application.relation,
    status: application.status,
    ...(application.reason ? { reason: application.reason } : {}),
    appliedAt: new Date(application.appliedAt).toISOString(),
    ...(application.decidedAt ? { decidedAt: new Date(application.decidedAt).toISOString() } : {}),
  };
}

export async function applyForResidence(
  context: ActionContext,
  input: { siteId: string; houseId: string; name: string; relation: ResidenceRelation },
): Promise<{ application: ResidenceApplicationView }> {
  const user = await context.user();
  const site = await new SiteRepository().get(input.siteId);
  if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
  const memberships = await new MembershipRepository().activeAt(user._id, site._id);
  if (memberships.some((m) => m.role === 'resident')) throw new AppError('CONFLICT', '您已是该场区的住户');
  const house = await new HouseRepository().ofSite(site._id, input.houseId);
  const id = applicationId(site._id, user._id);
  if ((await new ResidenceApplications().get(id))?.status === 'pending') {
    throw new AppError('CONFLICT', '您已提交入住申请，请等待物业审核');
  }
  // every application texts the site's administrators: a person may send only a few a day, wherever they apply
  if (!(await takeDailyAllowance('residenceApplications', user._id, APPLICATIONS_PER_DAY, context.now))) {
    throw new AppError('RATE_LIMITED', '今天提交的入住申请已达上限，请明天再试');
  }
  const admins = await administratorsToNotify(site._id);
  const application: ResidenceApplication = {
    _id: id,
    siteId: site._id,
    userId: user._id,
    houseId: house._id,
    houseLabel: house.label,
    name: input.name,
    relation: input.relation,
    status: 'pending',
    appliedAt: context.now,
  };
  await inTransaction('您已提交入住申请，请等待物业审核', async (tx) => {
    const earlier = await readInTransaction<ResidenceApplication>(tx, COLLECTION, id);
    if (earlier?.status === 'pending') throw new AppError('CONFLICT', '您已提交入住申请，请等待物业审核');
    const { _id, ...fields } = application;
    // a decided application is replaced by the new one (the person may apply again after a rejection or a
    // removal); a first one is inserted under its key, so of two first applications at once one meets the other's
    const _ = database().command;
    if (earlier)
      await tx
        .collection(COLLECTION)
        .doc(id)
        .update({ data: { ...fields, reason: _.remove(), decidedAt: _.remove(), decidedBy: _.remove() } });
    else await tx.collection(COLLECTION).add({ data: application });
    for (const admin of admins) {
      await queueNotification(tx, {
        id: `${id}:${context.now.getTime()}:applied:${admin.userId}`,
        siteId: site._id,
        subject: { kind: 'residenceApplication', id },
        kind: 'residenceApplied',
        to: 'approver',
        ...(admin.openid ? { openid: admin.openid } : {}),
        phone: admin.phone,
        page: ADMIN_PAGE,
        values: {
          visitorName: input.name,
          hostName: '',
          siteName: site.name,
          house: house.label,
          startsAt: context.now.toISOString(),
          endsAt: context.now.toISOString(),
        },
      });
    }
  });
  return { application: applicationView(application) };
}

/** The administrators to tell: those with a phone (the outbox always sends an SMS, WeChat when subscribed). */
async function administratorsToNotify(
  siteId: string,
): Promise<Array<{ userId: string; openid?: string; phone: string }>> {
  const memberships = await new MembershipRepository().find({ siteId, role: 'admin', status: 'active' }, { limit: 20 });
  if (memberships.length === 0) return [];
  const users = new UserRepository();
  const people = await users.find({ _id: users.command().in(memberships.map((m) => m.userId)) }, { limit: 20 });
  return people.flatMap((user) =>
    user.phone ? [{ userId: user._id, phone: user.phone, ...(user.openid ? { openid: user.openid } : {}) }] : [],
  );
}

/**
 * After a WeChat-only user is folded into an account (server/accounts/linking.ts moves `userId`), the applications
 * it brought along still carry the old user's key, where the account's 申请入住 page would never look. Each takes
 * the account's key for its site; where the account has its own application there, the waiting one of the two stays
 * (the account's if both wait, so an administrator never sees the same person twice).
 */
export async function rekeyMovedApplications(userId: string): Promise<void> {
  const applications = new ResidenceApplications();
  const owned = await applications.find({ userId }, { limit: 100 });
  for (const moved of owned) {
    const id = applicationId(moved.siteId, userId);
    if (moved._id === id) continue;
    const own = owned.find((a) => a._id === id);
    if (!own || (own.status !== 'pending' && moved.status === 'pending')) {
      if (own) await applications.remove(id);
      const { _id, ...fields } = moved;
      await applications.insert({ ...fields, _id: id });
    }
    await applications.remove(moved._id);
  }
}

export async function myApplication(
  context: ActionContext,
  siteId: string,
): Promise<{ application: ResidenceApplicationView | null }> {
  const user = await context.user();
  const found = await new ResidenceApplications().get(applicationId(siteId, user._id));
  return { application: found ? applicationView(found) : null };
}

export async function pendingApplications(
  siteId: string,
  page: number,
): Promise<{ applications: ResidenceApplicationForAdmin[]; page: number; hasMore: boolean }> {
  const found = await new ResidenceApplications().find(
    { siteId, status: 'pending' },
    { orderBy: [['appliedAt', 'asc']], skip: (page - 1) * APPLICATIONS_PAGE, limit: APPLICATIONS_PAGE + 1 },
  );
  const shown = found.slice(0, APPLICATIONS_PAGE);
  const users = new UserRepository();
  const people =
    shown.length === 0 ? [] : await users.find({ _id: users.command().in(shown.map((a) => a.userId)) }, { limit: 50 });
  const phones = new Map(people.map((user) => [user._id, user.phone]));
  return {
    applications: shown.map((application) => {
      const phone = phones.get(application.userId);
      return { ...applicationView(application), ...(phone ? { maskedPhone: maskPhone(phone) } : {}) };
    }),
    page,
    hasMore: found.length > APPLICATIONS_PAGE,
  };
}

export async function decideApplication(
  context: ActionContext,
  input: { siteId: string; applicationId: string; approve: boolean; reason?: string },
): Promise<{ application: ResidenceApplicationView }> {
  if (!input.approve && !input.reason) throw new AppError('INVALID_ARGUMENT', '请填写拒绝原因');
  const admin = await context.user();
  const decided = await inTransaction('该申请正在被处理，请刷新后查看', async (tx) => {
    const application = await readInTransaction<ResidenceApplication>(tx, COLLECTION, input.applicationId);
    if (!application || application.siteId !== input.siteId) throw new AppError('NOT_FOUND', '该申请不存在');
    if (application.status !== 'pending') {
      throw new AppError('CONFLICT', `该申请${RESIDENCE_STATUS_LABELS[application.status]}，不能重复处理`);
    }
    const decision = {
      status: input.approve ? ('approved' as const) : ('rejected' as const),
      decidedAt: context.now,
      decidedBy: admin._id,
      ...(input.reason && !input.approve ? { reason: input.reason } : {}),
    };
    await tx.collection(COLLECTION).doc(application._id).update({ data: decision });
    if (input.approve) {
      const membership: Omit<Membership, '_id'> = {
        userId: application.userId,
        siteId: application.siteId,
        role: 'resident',
        houseId: application.houseId,
        status: 'active',
        createdAt: context.now,
      };
      const membershipId = `${application._id.slice(0, 24)}${new Date(application.appliedAt).getTime().toString(16)}`;
      await tx.collection('memberships').add({ data: { _id: membershipId, ...membership } });
    }
    return { ...application, ...decision };
  });
  // the name the property registered is what guards read at the gate; a person who has one keeps it
  if (input.approve) {
    const users = new UserRepository();
    await users.updateWhere({ _id: decided.userId, name: users.command().exists(false) }, { name: decided.name });
  }
  return { application: applicationView(decided) };
}
