import { randomBytes } from 'node:crypto';
import type { VisitDetail, VisitorSettings } from '../../miniprogram/core/api/visitor';
import { CONSENT_OUTDATED, CONSENT_REQUIRED, LEGAL_EDITION } from '../../miniprogram/core/consent';
import { idNumberProblem, maskIdNumber } from '../../miniprogram/core/id-number';
import { retentionSettingsOf } from '../../miniprogram/core/retention-rules';
import { visitFormSchema, visitWindowProblem, type VisitForm } from '../../miniprogram/core/visit-rules';
import { lookupHash, seal } from '../platform/crypto';
import { database } from '../platform/cloud';
import type { TransactionScope } from '../platform/db-types';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { requireRole } from '../people/access';
import { UserRepository } from '../people/users';
import { HouseRepository } from '../sites/house';
import { SiteRepository, visitorSettings, type Site } from '../sites/site';
import { bookingApprovers, hostResident, invitationApprovers } from './approvers';
import { faceOf } from './face';
import { visitLink } from './link';
import { newVisitorKey } from './visitor-key';
import { notifyApprovers, notifyVisitor } from './notices';
import { issueVisitorPass } from './visitor-pass';
import { visitDetail } from './views';
import type { VisitDocument } from './visits';

/**
 * 访客预约 (R13, R14, P7): a visitor books a visit, which waits for its approvers; a resident invites a visitor, which
 * the site lets through at once (the pass is issued in the same transaction) or sends to its administrators.
 */

/** The site and its settings; a site that does not exist is NOT_FOUND. */
export async function visitorSite(siteId: string): Promise<{ site: Site; settings: VisitorSettings }> {
  const site = await new SiteRepository().get(siteId);
  if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
  return { site, settings: visitorSettings(site) };
}

export async function book(context: ActionContext, input: VisitForm): Promise<{ visit: VisitDetail }> {
  const { site, settings } = await visitorSite(input.siteId);
  const form = siteForm(settings, input, false, context.now);
  const user = await context.user();
  const host = await hostResident(site._id, form.hostPhone);
  const approvers = await bookingApprovers(site._id, settings, host);
  const visit = newVisit(context, site, settings, form, {
    origin: 'booking',
    status: 'pending',
    bookedBy: user._id,
    visitorUserId: user._id,
    host: {
      name: form.hostName,
      phone: form.hostPhone,
      ...(host ? { userId: host.user._id, houseId: host.house._id, houseLabel: host.house.label } : {}),
    },
    approverIds: approvers.map((a) => a._id),
  });
  await database().runTransaction(async (tx) => {
    await writeVisit(tx, visit);
    await notifyApprovers(tx, visit, approvers);
  });
  return {
    visit: await visitDetail(visit, { visitor: true, host: false, inviter: false, approver: false }, context.now),
  };
}

export async function invite(
  context: ActionContext,
  input: Omit<VisitForm, 'hostName' | 'hostPhone'>,
): Promise<{ visit: VisitDetail }> {
  const { site, settings } = await visitorSite(input.siteId);
  const membership = await requireRole(context, site._id, ['resident']);
  const form = siteForm(settings, input, true, context.now);
  const user = await context.user();
  const house = membership.houseId ? await new HouseRepository().get(membership.houseId) : null;
  const invitee = await new UserRepository().byLogin('phone', form.visitorPhone);
  // without the site's leave, the invitation is a booking its administrators decide (docs/api.md says why)
  const approvers = settings.residentsMayInvite ? [] : await invitationApprovers(site._id);
  const hostName = user.name ?? user.nickname ?? '住户';
  const visit = newVisit(context, site, settings, form, {
    origin: 'invitation',
    status: settings.residentsMayInvite ? 'approved' : 'pending',
    bookedBy: user._id,
    inviterId: user._id,
    ...(invitee ? { visitorUserId: invitee._id } : {}),
    host: {
      name: hostName,
      phone: user.phone ?? '',
      userId: user._id,
      ...(house ? { houseId: house._id, houseLabel: house.label } : {}),
    },
    approverIds: approvers.map((a) => a._id),
  });
  // the visitor may not have the app: the link's key lets them open the visit (visitor-key.ts)
  const visitorKey = newVisitorKey();
  visit.visitorKeyHash = visitorKey.hash;
  const link = settings.residentsMayInvite ? await visitLink(visit._id, visit.endsAt, visitorKey.key) : undefined;
  await database().runTransaction(async (tx) => {
    if (settings.residentsMayInvite) {
      visit.decision = { at: context.now, byId: user._id, by: hostName };
      visit.passId = await issueVisitorPass(tx, visit, { kind: 'resident', id: user._id, name: hostName }, context.now);
      await writeVisit(tx, visit);
      await notifyVisitor(tx, visit, 'visitInvited', invitee?.openid, link);
    } else {
      await writeVisit(tx, visit);
      await notifyApprovers(tx, visit, approvers);
    }
  });
  return {
    visit: await visitDetail(visit, { visitor: false, host: true, inviter: true, approver: false }, context.now),
  };
}

/**
 * The form as the site asks it: the router checked every field's shape; here hidden fields are dropped, required
 * ones demanded, the visit window checked against the site's longest visit, and consent required before an ID
 * number or a face photo is accepted.
 */
function siteForm<T extends Omit<VisitForm, 'hostName' | 'hostPhone'>>(
  settings: VisitorSettings,
  input: T,
  asInvitation: boolean,
  now: Date,
): T & { hostName: string; hostPhone: string } {
  const parsed = visitFormSchema(settings, { invite: asInvitation }).parse(input);
  if (!parsed.ok) throw new AppError('INVALID_ARGUMENT', parsed.issues[0].message);
  const form = parsed.value;
  const problem = visitWindowProblem(new Date(form.startsAt), new Date(form.endsAt), now, settings.maxVisitHours);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  if (form.idNumber || typeof form.face === 'object') {
    if (!form.consentEdition) throw new AppError('INVALID_ARGUMENT', CONSENT_REQUIRED);
    if (form.consentEdition !== LEGAL_EDITION) throw new AppError('INVALID_ARGUMENT', CONSENT_OUTDATED);
  }
  if (form.idNumber) {
    const idProblem = idNumberProblem(form.idNumber);
    if (idProblem) throw new AppError('INVALID_ARGUMENT', idProblem);
  }
  return form as T & { hostName: string; hostPhone: string };
}

interface VisitParties {
  origin: VisitDocument['origin'];
  status: VisitDocument['status'];
  bookedBy: string;
  inviterId?: string;
  visitorUserId?: string;
  host: VisitDocument['host'];
  approverIds: string[];
}

function newVisit(
  context: ActionContext,
  site: Site,
  settings: VisitorSettings,
  form: Omit<VisitForm, 'hostName' | 'hostPhone'>,
  parties: VisitParties,
): VisitDocument {
  const { now } = context;
  const face = faceOf(settings, form.face, context.caller.openid);
  const endsAt = new Date(form.endsAt);
  return {
    _id: randomBytes(16).toString('hex'),
    siteId: site._id,
    siteName: site.name,
    origin: parties.origin,
    status: parties.status,
    host: parties.host,
    visitor: {
      name: form.visitorName,
      phone: form.visitorPhone,
      ...(parties.visitorUserId ? { userId: parties.visitorUserId } : {}),
      ...(form.idNumber
        ? {
            idNumber: {
              sealed: seal(form.idNumber, 'ID_NUMBER_KEY'),
              hash: lookupHash(form.idNumber, 'ID_NUMBER_HASH_KEY'),
              masked: maskIdNumber(form.idNumber),
            },
          }
        : {}),
    },
    bookedBy: parties.bookedBy,
    ...(parties.inviterId ? { inviterId: parties.inviterId } : {}),
    approverIds: parties.approverIds,
    purpose: form.purpose,
    startsAt: new Date(form.startsAt),
    endsAt,
    ...(form.plate ? { plate: form.plate } : {}),
    ...(form.companions !== undefined ? { companions: form.companions } : {}),
    ...(form.company ? { company: form.company } : {}),
    face: face.state,
    ...(face.fileId ? { faceFileId: face.fileId } : {}),
    ...(form.idNumber || face.fileId ? { consent: { edition: LEGAL_EDITION, agreedAt: now } } : {}),
    // 数据保存期限 as it stands at booking: a later change applies to later bookings (docs/api.md)
    retainUntil: new Date(endsAt.getTime() + retentionSettingsOf(site).visitorDataDays * 86_400_000),
    createdAt: now,
    updatedAt: now,
  };
}

/** Writes a new visit in the transaction that also queues what it tells whom. */
async function writeVisit(tx: TransactionScope, visit: VisitDocument): Promise<void> {
  await tx
    .collection('visits')
    .doc(visit._id)
    .set({ data: stored(visit) });
}

/** The document as written: everything but its id (set by `doc(id)`). */
export function stored(visit: VisitDocument): Omit<VisitDocument, '_id'> {
  const { _id, ...fields } = visit;
  return fields;
}
