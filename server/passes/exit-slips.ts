import type {
  ExitSlipApplication,
  ExitSlipForAdmin,
  ExitSlipFields,
  ExitSlipForm,
  ExitSlipPass,
  ExitSlipStatus,
  ExitSlipView,
} from '../../miniprogram/core/api/admin-exit-slip';
import {
  EXIT_SLIP_PENDING_PER_HOUSE,
  checkExitSlipApplication,
  exitSlipDates,
  exitSlipDay,
  exitSlipDayLabel,
  exitSlipPhotoFolder,
  EXIT_SLIP_PHOTO_PATTERN,
} from '../../miniprogram/packages/exits/rules';
import { maskPhone } from '../accounts/profile';
import { queueNotification, type NewNotification } from '../notifications/outbox';
import { sdk } from '../platform/cloud';
import { AppError } from '../platform/errors';
import { inTransaction, readInTransaction } from '../platform/transaction';
import { takeDailyAllowance } from '../platform/rate-limit';
import type { ActionContext } from '../platform/router';
import { Repository, type Stored } from '../platform/repository';
import { MembershipRepository, UserRepository } from '../people/users';
import { exitSlipSettings } from '../sites/site';
import { AccessRecords, accessRecord, releaseRecordId } from './access-records';
import { loadResident } from './context';
import { newPassId, signPass } from './pass-codes';

/**
 * 出门条 (P9): a household moving goods out applies for a slip for one day; an administrator of the site approves or
 * rejects it; an approved slip is a single-use pass (type `exitSlip`) good on that day in Asia/Shanghai, released by
 * a guard through the same path as every pass (release.ts), and void after one release or after its day.
 *
 * - Applying: the caller must be an active resident of a house at the site; a house in arrears (欠费) is refused
 *   unless the site's 出门条设置 let it apply. The form is the site's (packages/exits/rules.ts): required fields
 *   enforced, hidden ones refused. At most EXIT_SLIP_PENDING_PER_HOUSE slips wait per house, and a person may apply
 *   EXIT_SLIP_APPLICATIONS_PER_DAY times a day (every application texts the administrators).
 * - Deciding: in a transaction that reads the slip pending and writes it decided, so of two administrators at once
 *   exactly one decides and the other is told CONFLICT. Approving writes the pass's issue record (holder and house:
 *   the gate reads them by pass id, as for every pass) and the resident's notification in the same transaction.
 * - The gate reads the slip by its `passId` (context.ts) and refuses it once the slip is no longer approved.
 */
export interface ExitSlip extends Stored, ExitSlipFields {
  siteId: string;
  siteName: string;
  houseId: string;
  houseLabel: string;
  /** the applicant */
  userId: string;
  applicantName: string;
  /** the applicant's account phone, for the SMS of the decision (plain, like users.phone; masked in views) */
  applicantPhone?: string;
  /** YYYY-MM-DD, Asia/Shanghai */
  date: string;
  status: ExitSlipStatus;
  reason?: string;
  appliedAt: Date;
  decidedAt?: Date;
  /** the administrator who decided (a user id) */
  decidedBy?: string;
  /** the pass of an approved slip (its code's jti) */
  passId?: string;
}

export const EXIT_SLIPS = 'exitSlips';
/** a transaction that lost to another at once (a conflict even after the SDK's retries) */
const BUSY = '该出门条正在被处理，请刷新后查看';
export const EXIT_SLIPS_PAGE = 20;
/** applications a person may make a day, at all sites together */
const EXIT_SLIP_APPLICATIONS_PER_DAY = 10;
const ADMIN_PAGE = 'packages/admin/pages/exit-slips/index';
const DETAIL_PAGE = 'packages/exits/pages/detail/index';

export class ExitSlips extends Repository<ExitSlip> {
  constructor() {
    super(EXIT_SLIPS);
  }
}

/** The form for the caller's house at the site: its fields, and whether this household may apply now. */
export async function exitSlipForm(context: ActionContext, siteId: string | undefined): Promise<ExitSlipForm> {
  const { site, house } = await loadResident(context.caller.openid, siteId, context.now);
  const settings = exitSlipSettings(site);
  const { first, last } = exitSlipDates(context.now);
  return {
    site: { id: site._id, name: site.name },
    house: house.label,
    fields: settings.fields,
    ...(house.arrears && !settings.arrearsMayApply ? { refusal: ARREARS_REFUSAL } : {}),
    photoFolder: exitSlipPhotoFolder(context.caller.openid),
    firstDate: first,
    lastDate: last,
  };
}

const ARREARS_REFUSAL = '您的房屋有欠缴的物业费，暂不能申请出门条，请先到物业缴清';

export async function applyExitSlip(
  context: ActionContext,
  input: ExitSlipApplication,
): Promise<{ slip: ExitSlipView }> {
  const { openid } = context.caller;
  const { user, site, house } = await loadResident(openid, input.siteId, context.now);
  const settings = exitSlipSettings(site);
  if (house.arrears && !settings.arrearsMayApply) throw new AppError('FORBIDDEN', ARREARS_REFUSAL);
  const checked = checkExitSlipApplication(input, settings, context.now);
  if (!checked.ok) throw new AppError('INVALID_ARGUMENT', checked.issues[0].message);
  const form = checked.value;
  // a photo is accepted only from the caller's own upload folder: a file id names any file of the storage
  if (form.photos?.some((id) => EXIT_SLIP_PHOTO_PATTERN.exec(id)?.[1] !== openid)) {
    throw new AppError('INVALID_ARGUMENT', '物品照片无效');
  }
  const slips = new ExitSlips();
  if ((await slips.count({ houseId: house._id, status: 'pending' })) >= EXIT_SLIP_PENDING_PER_HOUSE) {
    throw new AppError('RATE_LIMITED', `本户已有${EXIT_SLIP_PENDING_PER_HOUSE}张出门条在等待审核，请等待物业处理`);
  }
  if (!(await takeDailyAllowance('exitSlips', user._id, EXIT_SLIP_APPLICATIONS_PER_DAY, context.now))) {
    throw new AppError('RATE_LIMITED', '今天提交的出门条已达上限，请明天再试');
  }
  const admins = await administratorsToNotify(site._id);
  const slip: ExitSlip = {
    _id: newPassId(),
    siteId: site._id,
    siteName: site.name,
    houseId: house._id,
    houseLabel: house.label,
    userId: user._id,
    applicantName: user.name ?? user.nickname ?? '住户',
    ...(user.phone ? { applicantPhone: user.phone } : {}),
    ...fieldsOf(form),
    date: form.date,
    status: 'pending',
    appliedAt: context.now,
  };
  await inTransaction(BUSY, async (tx) => {
    await tx.collection(EXIT_SLIPS).add({ data: slip });
    for (const admin of admins) {
      await queueNotification(tx, {
        id: `${slip._id}:applied:${admin.userId}`,
        siteId: site._id,
        subject: { kind: 'exitSlip', id: slip._id },
        kind: 'exitSlipApplied',
        to: 'approver',
        ...(admin.openid ? { openid: admin.openid } : {}),
        phone: admin.phone,
        page: ADMIN_PAGE,
        values: noticeValues(slip),
      });
    }
  });
  return { slip: await slipView(slip, context.now) };
}

/** The caller's slips, newest first, a page at a time. */
export async function myExitSlips(
  context: ActionContext,
  page: number,
): Promise<{ slips: ExitSlipView[]; page: number; hasMore: boolean }> {
  const user = await context.user();
  const found = await new ExitSlips().find(
    { userId: user._id },
    { orderBy: [['appliedAt', 'desc']], skip: (page - 1) * EXIT_SLIPS_PAGE, limit: EXIT_SLIPS_PAGE + 1 },
  );
  const shown = found.slice(0, EXIT_SLIPS_PAGE);
  const released = await releasedOf(shown);
  return {
    slips: shown.map((slip) => viewOf(slip, context.now, released)),
    page,
    hasMore: found.length > EXIT_SLIPS_PAGE,
  };
}

/** One of the caller's slips; anyone else's does not exist for them. */
export async function exitSlipDetail(context: ActionContext, slipId: string): Promise<{ slip: ExitSlipView }> {
  const user = await context.user();
  const slip = await new ExitSlips().get(slipId);
  if (!slip || slip.userId !== user._id) throw new AppError('NOT_FOUND', '找不到这张出门条');
  return { slip: await slipView(slip, context.now) };
}

/** The slips waiting at the site, oldest first. */
export async function pendingExitSlips(
  siteId: string,
  page: number,
): Promise<{ slips: ExitSlipForAdmin[]; page: number; hasMore: boolean }> {
  const found = await new ExitSlips().find(
    { siteId, status: 'pending' },
    { orderBy: [['appliedAt', 'asc']], skip: (page - 1) * EXIT_SLIPS_PAGE, limit: EXIT_SLIPS_PAGE + 1 },
  );
  const shown = found.slice(0, EXIT_SLIPS_PAGE);
  const urls = await photoUrls(shown.flatMap((slip) => slip.photos ?? []));
  return {
    slips: shown.map((slip) => adminView(slip, urls)),
    page,
    hasMore: found.length > EXIT_SLIPS_PAGE,
  };
}

export async function decideExitSlip(
  context: ActionContext,
  input: { siteId: string; slipId: string; approve: boolean; reason?: string },
): Promise<{ slip: ExitSlipForAdmin }> {
  if (!input.approve && !input.reason) throw new AppError('INVALID_ARGUMENT', '请填写拒绝原因');
  const admin = await context.user();
  const { now } = context;
  const by = admin.name ?? admin.nickname ?? '物业';
  const decided = await inTransaction(BUSY, async (tx) => {
    const slip = await readInTransaction<ExitSlip>(tx, EXIT_SLIPS, input.slipId);
    if (!slip || slip.siteId !== input.siteId) throw new AppError('NOT_FOUND', '该出门条不存在');
    if (slip.status !== 'pending') {
      throw new AppError('CONFLICT', `该出门条${slip.status === 'approved' ? '已通过' : '未通过'}，不能重复处理`);
    }
    if (input.approve && exitSlipDay(slip.date).end <= now) {
      throw new AppError('CONFLICT', `出门日期${exitSlipDayLabel(slip.date)}已过，不能再通过`);
    }
    const decision = {
      status: input.approve ? ('approved' as const) : ('rejected' as const),
      decidedAt: now,
      decidedBy: admin._id,
      ...(input.reason && !input.approve ? { reason: input.reason } : {}),
      ...(input.approve ? { passId: newPassId() } : {}),
    };
    await tx.collection(EXIT_SLIPS).doc(slip._id).update({ data: decision });
    const result: ExitSlip = { ...slip, ...decision };
    if (decision.passId) {
      const { _id, ...record } = accessRecord.issue({
        siteId: slip.siteId,
        at: now,
        actor: { kind: 'guard', id: admin._id, name: by },
        pass: { id: decision.passId, type: 'exitSlip' },
        holder: { id: slip.userId, name: slip.applicantName },
        house: { id: slip.houseId, label: slip.houseLabel },
      });
      await tx.collection('accessRecords').doc(_id).set({ data: record });
    }
    if (slip.applicantPhone) {
      const applicant = await new UserRepository().get(slip.userId);
      const kind: NewNotification['kind'] = input.approve ? 'exitSlipApproved' : 'exitSlipRejected';
      await queueNotification(tx, {
        id: `${slip._id}:${kind}`,
        siteId: slip.siteId,
        subject: { kind: 'exitSlip', id: slip._id },
        kind,
        to: 'visitor',
        ...(applicant?.openid ? { openid: applicant.openid } : {}),
        phone: slip.applicantPhone,
        page: `${DETAIL_PAGE}?id=${slip._id}`,
        values: noticeValues(result),
      });
    }
    return result;
  });
  const urls = await photoUrls(decided.photos ?? []);
  return { slip: adminView(decided, urls) };
}

/** The pass of an approved slip: its code (signed again: Ed25519 is deterministic) and what became of it. */
export function exitSlipPass(slip: ExitSlip, now: Date, released: Map<string, { gate?: string; at: Date }>) {
  if (slip.status !== 'approved' || !slip.passId) return undefined;
  const { start, end } = exitSlipDay(slip.date);
  const code = signPass({
    typ: 'exitSlip',
    jti: slip.passId,
    site: slip.siteId,
    nbf: seconds(start),
    exp: seconds(end),
  });
  const used = released.get(slip.passId);
  const state: ExitSlipPass['state'] = used ? 'used' : now >= end ? 'expired' : now < start ? 'notYet' : 'valid';
  const pass: ExitSlipPass = {
    passId: slip.passId,
    code,
    validFrom: start.toISOString(),
    expiresAt: end.toISOString(),
    state,
    ...(used ? { used: { gate: used.gate ?? '门岗', at: new Date(used.at).toISOString() } } : {}),
  };
  return pass;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

async function slipView(slip: ExitSlip, now: Date): Promise<ExitSlipView> {
  return viewOf(slip, now, await releasedOf([slip]));
}

function viewOf(slip: ExitSlip, now: Date, released: Map<string, { gate?: string; at: Date }>): ExitSlipView {
  const pass = exitSlipPass(slip, now, released);
  return { ...baseView(slip), ...(slip.photos ? { photos: slip.photos } : {}), ...(pass ? { pass } : {}) };
}

function baseView(slip: ExitSlip): Omit<ExitSlipView, 'pass' | 'photos'> {
  return {
    id: slip._id,
    site: { id: slip.siteId, name: slip.siteName },
    house: slip.houseLabel,
    applicant: slip.applicantName,
    date: slip.date,
    status: slip.status,
    ...(slip.goods ? { goods: slip.goods } : {}),
    ...(slip.plate ? { plate: slip.plate } : {}),
    ...(slip.carrier ? { carrier: slip.carrier } : {}),
    ...(slip.company ? { company: slip.company } : {}),
    ...(slip.remark ? { remark: slip.remark } : {}),
    ...(slip.reason ? { reason: slip.reason } : {}),
    appliedAt: new Date(slip.appliedAt).toISOString(),
    ...(slip.decidedAt ? { decidedAt: new Date(slip.decidedAt).toISOString() } : {}),
  };
}

function adminView(slip: ExitSlip, urls: Map<string, string>): ExitSlipForAdmin {
  const shown = (slip.photos ?? []).flatMap((id) => (urls.has(id) ? [urls.get(id) as string] : []));
  return {
    ...baseView(slip),
    ...(slip.applicantPhone ? { maskedPhone: maskPhone(slip.applicantPhone) } : {}),
    ...(shown.length > 0 ? { photoUrls: shown } : {}),
  };
}

/** The release records of the slips' passes, by pass id: a used slip says where and when. */
async function releasedOf(slips: ExitSlip[]): Promise<Map<string, { gate?: string; at: Date }>> {
  const ids = slips.flatMap((slip) => (slip.passId ? [releaseRecordId(slip.passId)] : []));
  if (ids.length === 0) return new Map();
  const records = new AccessRecords();
  const found = await records.find({ _id: records.command().in(ids) }, { limit: ids.length });
  return new Map(found.flatMap((r) => (r.passId ? [[r.passId, { gate: r.gate, at: r.at }]] : [])));
}

/** how long an administrator's link to a goods photo works */
const PHOTO_URL_SECONDS = 600;

async function photoUrls(fileIds: string[]): Promise<Map<string, string>> {
  if (fileIds.length === 0) return new Map();
  const result = await sdk().getTempFileURL({
    fileList: fileIds.map((fileID) => ({ fileID, maxAge: PHOTO_URL_SECONDS })),
  });
  const list = result ? result.fileList : [];
  return new Map(list.flatMap((item) => (item.status === 0 ? [[item.fileID, item.tempFileURL]] : [])));
}

function fieldsOf(form: ExitSlipFields): ExitSlipFields {
  const { goods, photos, plate, carrier, company, remark } = form;
  return {
    ...(goods ? { goods } : {}),
    ...(photos?.length ? { photos } : {}),
    ...(plate ? { plate } : {}),
    ...(carrier ? { carrier } : {}),
    ...(company ? { company } : {}),
    ...(remark ? { remark } : {}),
  };
}

/** What the notifications of a slip say: who, which site and house, which day (the day's start as the time). */
function noticeValues(slip: ExitSlip): NewNotification['values'] {
  const { start, end } = exitSlipDay(slip.date);
  return {
    visitorName: slip.applicantName,
    hostName: '',
    siteName: slip.siteName,
    house: slip.houseLabel,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    ...(slip.reason ? { reason: slip.reason } : {}),
  };
}

/** The site's administrators with a phone (the outbox always sends an SMS, WeChat when subscribed). */
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
