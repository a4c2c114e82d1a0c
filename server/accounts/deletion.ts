import type { VisitDocument } from '../visitors/visits';
import { keepOneAdmin, underStaffLock } from '../people/staff';
import { MembershipRepository, UserRepository, type User } from '../people/users';
import { database, deleteStoredFile } from '../platform/cloud';
import { AppError } from '../platform/errors';
import { callerHash, requestToken } from '../platform/idempotency';
import type { ActionContext } from '../platform/router';
import { DELETED_PERSON } from './personal-data';
import { maskPhone } from './profile';
import { consumeCode, sendCode } from './sms-codes';

/**
 * 注销账号 (X7): the caller's account and everything personal it left, erased or anonymised collection by
 * collection as server/accounts/personal-data.ts lists. An account proves it is the phone's owner with an SMS
 * code first; a WeChat user with no account (no phone) has only its WeChat session to prove who it is.
 *
 * Not one transaction (a person's records can be many): each step finds what is still left, so a second run of
 * the same request — its first died part-way — finishes the job; the user document goes last, so until then the
 * code used by this very request lets the retry through (`consumeCode`'s `usedBy`).
 *
 * A site's last administrator is refused (LAST_ADMIN) before anything is erased: a site with none could only get
 * one back from a database console. The check runs again, under each site's staff lock, as the roles go.
 */
export async function deleteAccount(context: ActionContext, input: { code?: string }): Promise<{ deleted: true }> {
  const me = await context.user();
  await refuseLastAdmin(me._id);
  if (me.phone) {
    if (!input.code) throw new AppError('INVALID_ARGUMENT', '请输入短信验证码');
    await consumeCode(
      me.phone,
      'deleteAccount',
      input.code,
      context.now,
      requestToken('account.deleteAccount', context),
    );
  }
  await erasePerson(me, context.caller.openid, context.now);
  return { deleted: true };
}

/** 注销账号's code, sent to the caller's own phone: the page shows the phone masked as the answer gives it. */
export async function sendDeletionCode(context: ActionContext): Promise<{ resendAfter: number; phone: string }> {
  const me = await context.user();
  if (!me.phone) throw new AppError('NOT_FOUND', '当前微信没有登录账号');
  const sent = await sendCode(me.phone, 'deleteAccount', {
    openid: context.caller.openid,
    clientIp: context.caller.clientIp,
    now: context.now,
  });
  return { ...sent, phone: maskPhone(me.phone) };
}

const PAGE = 100;

/** The sites where the person is an administrator and no other one is left: deleting would orphan them. */
async function refuseLastAdmin(uid: string): Promise<void> {
  const mine = (await new MembershipRepository().activeOf(uid)).filter((m) => m.role === 'admin');
  for (const membership of mine) await keepOneAdmin(membership.siteId, (m) => m.userId === uid);
}

/**
 * The person's administrator roles go one site at a time under the site's staff lock, each checked again there: an
 * administrator revoked by the other one meanwhile must not let both go.
 */
async function leaveStaffRoles(uid: string): Promise<void> {
  const mine = (await new MembershipRepository().activeOf(uid)).filter((m) => m.role === 'admin');
  for (const membership of mine) {
    await underStaffLock(membership.siteId, async (tx) => {
      await keepOneAdmin(membership.siteId, (m) => m.userId === uid);
      await tx.collection('memberships').doc(membership._id).remove();
    });
  }
}

async function erasePerson(user: User, openid: string, now: Date): Promise<void> {
  const db = database();
  const _ = db.command;
  const uid = user._id;
  await leaveStaffRoles(uid);
  await anonymiseVisits(uid, now);
  await unbindSpecialMembers(uid, now);
  await db
    .collection('accessRecords')
    .where({ userId: uid })
    .update({ data: { holderName: DELETED_PERSON, userId: _.remove() } });
  await db
    .collection('accessRecords')
    .where({ 'actor.id': uid })
    .update({ data: { 'actor.id': 'deleted', 'actor.name': _.remove() } });
  await db
    .collection('settingsChanges')
    .where({ 'by.userId': uid })
    .update({ data: { by: _.set({ userId: 'deleted', name: DELETED_PERSON }) } });
  await db
    .collection('cardEvents')
    .where({ userId: uid })
    .update({ data: { userId: _.remove() } });
  // 申请入住: the person's own applications go, with the notifications that carried their name; an application an
  // administrator decided keeps the decision without saying who
  const applications = await db
    .collection('residenceApplications')
    .where({ userId: uid })
    .field({ _id: true })
    .limit(PAGE)
    .get<{ _id: string }>();
  for (const application of applications.data) {
    await db.collection('outbox').where({ 'subject.id': application._id }).remove();
  }
  await db.collection('residenceApplications').where({ userId: uid }).remove();
  await db
    .collection('residenceApplications')
    .where({ decidedBy: uid })
    .update({ data: { decidedBy: _.remove() } });
  // 出门条: the person's own slips go, with their goods photos and the notifications that carried their name (the
  // records of a slip's pass stay, anonymised above); a slip an administrator decided keeps the decision alone
  for (;;) {
    const slips = await db
      .collection('exitSlips')
      .where({ userId: uid })
      .field({ _id: true, photos: true })
      .limit(PAGE)
      .get<{ _id: string; photos?: string[] }>();
    for (const slip of slips.data) {
      for (const photo of slip.photos ?? []) await deleteStoredFile(photo);
      await db.collection('outbox').where({ 'subject.id': slip._id }).remove();
      await db.collection('exitSlips').doc(slip._id).remove();
    }
    if (slips.data.length < PAGE) break;
  }
  await db
    .collection('exitSlips')
    .where({ decidedBy: uid })
    .update({ data: { decidedBy: _.remove() } });
  // who revoked a role or took a pass back is the site's history; the person's id in it goes, as on access records
  await db
    .collection('memberships')
    .where({ revokedBy: uid })
    .update({ data: { revokedBy: 'deleted' } });
  for (const name of ['memberships', 'visits']) {
    await db
      .collection(name)
      .where({ 'passRevoked.byId': uid })
      .update({ data: { 'passRevoked.byId': 'deleted' } });
  }
  await db
    .collection('invitations')
    .where({ createdBy: uid, status: 'open' })
    .update({ data: { status: 'revoked', revokedAt: now, createdBy: _.remove() } });
  await db
    .collection('invitations')
    .where({ createdBy: uid })
    .update({ data: { createdBy: _.remove() } });
  // 观察员 (P11): an invitation for the person's phone is withdrawn; one they accepted keeps no name or phone
  if (user.phone) {
    await db
      .collection('invitations')
      .where({ 'observer.phone': user.phone, status: 'open' })
      .update({ data: { status: 'revoked', revokedAt: now } });
    await db
      .collection('invitations')
      .where({ 'observer.phone': user.phone })
      .update({ data: { observer: _.remove() } });
  }
  await db
    .collection('invitations')
    .where({ acceptedBy: uid })
    .update({ data: { acceptedBy: _.remove(), observer: _.remove() } });
  // the audit log (审计日志) keeps that the site's records were read, not by whom
  await db
    .collection('auditLog')
    .where({ 'actor.userId': uid })
    .update({ data: { 'actor.userId': 'deleted', 'actor.name': DELETED_PERSON } });
  for (const name of ['specialOrganisations', 'specialMembers']) {
    await db
      .collection(name)
      .where({ createdBy: uid })
      .update({ data: { createdBy: _.remove() } });
  }
  for (const name of ['memberships', 'cardBindings', 'userKeys']) {
    await db.collection(name).where({ userId: uid }).remove();
  }
  if (user.phone) await db.collection('verificationCodes').where({ phone: user.phone }).remove();
  // this request's own marker stays, so its answer is kept for a retry; the answer holds nothing personal
  await db
    .collection('requests')
    .where({ callerHash: callerHash(openid), action: _.neq('deleteAccount') })
    .remove();
  await db.collection('outbox').where({ openid }).remove();
  if (user.avatarFileId) await deleteStoredFile(user.avatarFileId);
  await new UserRepository().remove(uid);
}

/**
 * 专用通行证 (P6): the member records bound to the person are unbound and disabled, and what named them goes — name,
 * phone, ID number, and the ID and face photos from storage (a photo that will not go stops the deletion, so a retry
 * tries again). The organisation keeps the line, so its history still counts it.
 */
async function unbindSpecialMembers(uid: string, now: Date): Promise<void> {
  const db = database();
  const _ = db.command;
  const { data } = await db
    .collection('specialMembers')
    .where({ userId: uid })
    .limit(PAGE)
    .get<{ _id: string; idPhotoFileId?: string; facePhotoFileId?: string }>();
  for (const member of data) {
    for (const fileId of [member.idPhotoFileId, member.facePhotoFileId]) {
      if (fileId && !(await deleteStoredFile(fileId))) throw new AppError('INTERNAL', '照片删除失败，请稍后重试');
    }
    await db
      .collection('specialMembers')
      .doc(member._id)
      .update({
        data: {
          name: DELETED_PERSON,
          phone: _.remove(),
          idNumber: _.remove(),
          idPhotoFileId: _.remove(),
          facePhotoFileId: _.remove(),
          userId: _.remove(),
          invitation: _.remove(),
          status: 'disabled',
          updatedAt: now,
        },
      });
  }
}

/**
 * The person's side of every booking they are in: as the visitor, the host, the one who booked it, invited,
 * may approve or decided it.
 * Name, phone, ID number and face photo go; a booking still to happen is cancelled (its pass dies with it), and
 * its notifications, which carry the names, are removed. The records of its pass say 已注销用户 instead.
 */
async function anonymiseVisits(uid: string, now: Date): Promise<void> {
  const db = database();
  const _ = db.command;
  const visits = db.collection('visits');
  for (const field of ['visitor.userId', 'host.userId', 'bookedBy', 'inviterId', 'approverIds', 'decision.byId']) {
    for (;;) {
      const { data } = await visits
        .where({ [field]: uid })
        .limit(PAGE)
        .get<VisitDocument>();
      for (const visit of data) {
        const asVisitor = visit.visitor.userId === uid;
        const asHost = visit.host.userId === uid;
        if (asVisitor && visit.faceFileId && !(await deleteStoredFile(visit.faceFileId))) {
          throw new AppError('INTERNAL', '照片删除失败，请稍后重试');
        }
        const open = (visit.status === 'pending' || visit.status === 'approved') && visit.endsAt > now;
        await visits.doc(visit._id).update({
          data: {
            ...(asVisitor
              ? {
                  'visitor.name': DELETED_PERSON,
                  'visitor.phone': _.remove(),
                  'visitor.userId': _.remove(),
                  'visitor.idNumber': _.remove(),
                  faceFileId: _.remove(),
                }
              : {}),
            ...(asHost ? { 'host.name': DELETED_PERSON, 'host.phone': _.remove(), 'host.userId': _.remove() } : {}),
            ...(visit.bookedBy === uid ? { bookedBy: _.remove() } : {}),
            ...(visit.inviterId === uid ? { inviterId: _.remove() } : {}),
            ...(visit.approverIds?.includes(uid) ? { approverIds: _.pull(uid) } : {}),
            ...(visit.decision?.byId === uid ? { 'decision.by': DELETED_PERSON, 'decision.byId': _.remove() } : {}),
            ...(open && (asVisitor || asHost) ? { status: 'cancelled', updatedAt: now } : {}),
          },
        });
        if (asVisitor || asHost) {
          await db.collection('outbox').where({ 'subject.id': visit._id }).remove();
          await db
            .collection('accessRecords')
            .where({ visitId: visit._id })
            .update({ data: asVisitor ? { holderName: DELETED_PERSON } : { host: DELETED_PERSON } });
        }
      }
      if (data.length < PAGE) break;
    }
  }
}
