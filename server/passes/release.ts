import { TEMPERATURE_RANGE } from '../../miniprogram/core/api/gate';
import { idNumberProblem, maskIdNumber } from '../../miniprogram/core/id-number';
import type { ResidentPassSettings } from '../../miniprogram/core/pass-rules';
import { lookupHash, seal } from '../platform/crypto';
import { AppError } from '../platform/errors';
import { AccessRecords, accessRecord, type AccessRecord, type RecordFacts } from './access-records';
import type { House } from '../sites/house';
import { residentPassSettings, type Site } from '../sites/site';
import type { VisitDocument } from '../visitors/visits';
import { UserRepository, type User } from '../people/users';
import type { PassCheck, PassClaims } from './pass-codes';
import { exitAllowance, quotaRefusal, type ExitAllowance } from './allowance';
import { ExitCounters, type ExitCounter } from './exit-quota';
import type { ExitSlip } from './exit-slips';
import type { SpecialMember } from '../special-passes/members';
import type { SpecialOrganisation } from '../special-passes/organisations';
import { specialEligibility, type SpecialEligible } from '../special-passes/special-pass';

/** What the gate knows about a pass once its code checked out (see context.ts loadGate). */
export interface PassAtGate {
  claims: PassClaims;
  /** whose pass, as its issue record says (absent when there is none for this site) */
  holderId?: string;
  site: Site | undefined;
  holder: User | undefined;
  holderIsResident: boolean;
  /** the holder's resident passes at the site are taken back (收回, X4) until an administrator lifts it */
  holderPassRevoked: boolean;
  house: House | undefined;
  counters: ExitCounter[];
  /** the pass's release record, when it was already used */
  released: AccessRecord | undefined;
  /** a visitor pass's visit (访客预约), as its issue record names it */
  visit: VisitDocument | undefined;
  /** an exit slip's pass: the slip (出门条), found by its pass id */
  exitSlip: ExitSlip | undefined;
  /** a 专用通行证's member and organisation, as its issue record names the member */
  member?: SpecialMember;
  organisation?: SpecialOrganisation;
}

/** A resident pass that may go through: the holder, their house and the exit it takes. */
export interface ResidentEligible extends ExitAllowance {
  kind: 'resident';
  site: Site;
  holder: User;
  house: House;
}

/** A visitor pass that may go through (P8): its approved visit; the host's house; no exit quota. */
export interface VisitorEligible {
  kind: 'visitor';
  site: Site;
  visit: VisitDocument;
  house: House | undefined;
  /** the site's pass rules: the temperature rule (P3) applies to every pass type */
  settings: ResidentPassSettings;
}

/** An exit slip's pass that may go through (P9): its approved slip and house; no exit quota. */
export interface ExitSlipEligible {
  kind: 'exitSlip';
  site: Site;
  slip: ExitSlip;
  house: House | undefined;
  /** the site's pass rules: the temperature rule (P3) applies to every pass type */
  settings: ResidentPassSettings;
}

export type Eligible = ResidentEligible | VisitorEligible | ExitSlipEligible | SpecialEligible;

/** The pass behind a code that checked out, or the code's own refusal (forged, expired, another site's). */
export function passOrRefusal(checked: PassCheck, pass: PassAtGate | undefined): PassAtGate {
  if (!checked.ok) throw new AppError(checked.code, checked.message);
  if (!pass) throw new AppError('PASS_INVALID', '无效的通行码');
  return pass;
}

/** What a record can say of the pass behind a code: whose and which, as far as known; nothing for a forged code. */
export function passFacts(
  claims: PassClaims | undefined,
  pass: PassAtGate | undefined,
): Pick<RecordFacts, 'pass' | 'holder' | 'house'> {
  const house = pass?.house;
  const visit = pass?.visit;
  const slipName = pass?.exitSlip?.applicantName;
  const member = pass?.member;
  const name = visit?.visitor.name ?? member?.name ?? pass?.holder?.name ?? slipName;
  return {
    ...(claims ? { pass: { id: claims.jti, type: claims.typ } } : {}),
    ...(pass?.holderId ? { holder: { id: pass.holderId, name } } : {}),
    ...(house ? { house: { id: house._id, label: house.label } } : {}),
    ...(visit ? { visit: { id: visit._id, host: visit.host.name } } : {}),
    ...(member ? { special: { memberId: member._id, organisation: pass?.organisation?.name ?? '' } } : {}),
  };
}

/**
 * Whether a checked pass may go through now, short of consuming it. A resident pass: used already,
 * holder still a resident, the house not restricted, inside the windows, exits left (P2–P4, P10).
 * An exit already counted for this very pass (another guard is releasing it this instant) does not
 * make it look over quota: that race is decided by single use, and its loser hears PASS_USED.
 * A pass an administrator took back (X4) is refused with PASS_REVOKED, whatever code it shows.
 * A visitor pass (P8): used already, its visit still approved (a cancelled visit voids it); its
 * window is the code's own nbf/exp, checked with the signature (pass-codes.ts). An exit slip (P9): used already,
 * its slip still approved; its day is the code's nbf/exp too. A 专用通行证 (P6): its member active, inside their
 * period, their organisation still serving the site (server/special-passes). Others: not yet.
 */
export function eligibility(pass: PassAtGate, now: Date): Eligible {
  const { claims, site, holder, house } = pass;
  if (pass.released) throw passUsed(pass.released);
  if (claims.typ === 'visitor') return visitorEligibility(pass);
  if (claims.typ === 'exitSlip') return exitSlipEligibility(pass);
  if (claims.typ === 'special') return specialEligibility(site, pass.member, pass.organisation, now);
  if (claims.typ !== 'resident') throw new AppError('PASS_INVALID', '暂不支持该类通行证');
  if (!site || !holder || !house || !pass.holderIsResident) {
    throw new AppError('PASS_INVALID', '持证人已不是本小区住户');
  }
  if (pass.holderPassRevoked) throw new AppError('PASS_REVOKED', '该住户的通行证已被物业收回，请联系物业');
  return {
    kind: 'resident',
    site,
    holder,
    house,
    ...exitAllowance(site, house, holder._id, pass.counters, now, claims.jti),
  };
}

function visitorEligibility(pass: PassAtGate): VisitorEligible {
  const { site, visit } = pass;
  if (!site || !visit) throw new AppError('PASS_INVALID', '无效的访客通行证');
  if (visit.status === 'cancelled') throw new AppError('PASS_INVALID', '该访客预约已取消');
  if (visit.status !== 'approved') throw new AppError('PASS_INVALID', '该访客预约未通过审核');
  if (visit.passRevoked) throw new AppError('PASS_REVOKED', '该访客通行证已被物业收回');
  return { kind: 'visitor', site, visit, house: pass.house, settings: residentPassSettings(site) };
}

function exitSlipEligibility(pass: PassAtGate): ExitSlipEligible {
  const { site, exitSlip: slip } = pass;
  if (!site || !slip) throw new AppError('PASS_INVALID', '无效的出门条');
  if (slip.status !== 'approved') throw new AppError('PASS_INVALID', '该出门条未通过审核');
  return { kind: 'exitSlip', site, slip, house: pass.house, settings: residentPassSettings(site) };
}

export interface ReleaseOptions {
  now: Date;
  facts: Omit<RecordFacts, 'pass' | 'holder' | 'house' | 'siteId' | 'at'>;
  temperature?: number;
  /** an ID number entered at the gate for a holder who has none registered (P4) */
  idNumber?: string;
  /**
   * What a release already written by this request means. By default a retry after a lost answer, answered again;
   * a QR door device never sends a request twice (a retry takes a new nonce), so from one it is a replay: refused
   * with this error, and the door stays shut.
   */
  replayed?: () => Error;
}

/**
 * Releases a resident pass: temperature and ID registration as the site requires, then one exit
 * from the quota, then the release record — whose fixed id (the pass id) makes the pass single
 * use: of two guards releasing at once, one writes it and the other is told PASS_USED with when
 * and where. A retry of the same request finds its own record and succeeds again, changing nothing.
 *
 * The exit is counted under the pass's id before the record is written, and never given back by
 * a loser: whichever of two racing releases counted it, the exit belongs to the one that wrote
 * the record. So for any interleaving exactly one release and exactly one exit are counted. When
 * the record cannot be written at all (the database fails), the exit stays counted for the pass
 * and a retry of it counts nothing more.
 */
export async function releasePass(pass: PassAtGate, options: ReleaseOptions): Promise<AccessRecord> {
  const { now, facts } = options;
  if (pass.released && isRetryOf(pass.released, facts)) return sameRequestAgain(pass.released, options);
  const ok = eligibility(pass, now);
  const temperature = checkTemperature(ok.settings, options.temperature);
  if (ok.kind === 'visitor') return releaseVisitorPass(pass, ok, options, temperature);
  if (ok.kind === 'exitSlip') return releaseExitSlip(pass, ok, options, temperature);
  if (ok.kind === 'special') return releaseSpecialPass(pass, ok, options, temperature);
  if (ok.settings.requireIdRegistration && !ok.holder.idNumber)
    await registerIdNumber(ok.holder, options.idNumber, now);

  const passId = pass.claims.jti;
  const started = pass.counters.some((c) => c._id === ExitCounters.idOf(ok.subject, ok.period));
  if (ok.limit !== null && !(await new ExitCounters().take(ok.subject, ok.period, ok.limit, passId, started))) {
    throw quotaRefusal(ok.period, ok.limit, now);
  }
  const record = accessRecord.release(
    {
      ...facts,
      siteId: ok.site._id,
      at: now,
      pass: { id: passId, type: pass.claims.typ },
      holder: { id: ok.holder._id, name: ok.holder.name },
      house: { id: ok.house._id, label: ok.house.label },
    },
    temperature,
  );
  return writeRelease(record, options);
}

/**
 * Releases a visitor pass: the visitor, the host and the host's house in the record, no exit quota. Single use is the
 * same release record id as a resident pass's.
 */
async function releaseVisitorPass(
  pass: PassAtGate,
  ok: VisitorEligible,
  options: ReleaseOptions,
  temperature: number | undefined,
): Promise<AccessRecord> {
  const { visit, house } = ok;
  const record = accessRecord.release(
    {
      ...options.facts,
      siteId: ok.site._id,
      at: options.now,
      pass: { id: pass.claims.jti, type: 'visitor' },
      holder: { id: pass.holderId ?? visit._id, name: visit.visitor.name },
      ...(house ? { house: { id: house._id, label: house.label } } : {}),
      visit: { id: visit._id, host: visit.host.name },
    },
    temperature,
  );
  return writeRelease(record, options);
}

/**
 * Releases an exit slip's pass: the applicant and their house in the record, no exit quota (a move is not an exit
 * of the household's count). Single use is the same release record id as every pass's.
 */
async function releaseExitSlip(
  pass: PassAtGate,
  ok: ExitSlipEligible,
  options: ReleaseOptions,
  temperature: number | undefined,
): Promise<AccessRecord> {
  const { slip, house } = ok;
  const record = accessRecord.release(
    {
      ...options.facts,
      siteId: ok.site._id,
      at: options.now,
      pass: { id: pass.claims.jti, type: 'exitSlip' },
      holder: { id: pass.holderId ?? slip.userId, name: slip.applicantName },
      house: house ? { id: house._id, label: house.label } : { id: slip.houseId, label: slip.houseLabel },
    },
    temperature,
  );
  return writeRelease(record, options);
}

/** Releases a 专用通行证: the member and their organisation in the record, no exit quota, single use as any pass. */
async function releaseSpecialPass(
  pass: PassAtGate,
  ok: SpecialEligible,
  options: ReleaseOptions,
  temperature: number | undefined,
): Promise<AccessRecord> {
  const { member, organisation } = ok;
  const record = accessRecord.release(
    {
      ...options.facts,
      siteId: ok.site._id,
      at: options.now,
      pass: { id: pass.claims.jti, type: 'special' },
      holder: { id: pass.holderId ?? member._id, name: member.name },
      special: { memberId: member._id, organisation: organisation.name },
    },
    temperature,
  );
  return writeRelease(record, options);
}

/** Writes the release record under the pass's fixed id: the one write that uses the pass up. */
async function writeRelease(record: AccessRecord, options: ReleaseOptions): Promise<AccessRecord> {
  const records = new AccessRecords();
  if (await records.add(record)) return record;
  const earlier = await records.get(record._id);
  if (earlier && isRetryOf(earlier, options.facts)) return sameRequestAgain(earlier, options);
  throw earlier ? passUsed(earlier) : new AppError('PASS_USED');
}

/** The release this very request wrote before: answered again, or refused as a replay where requests are not retried. */
function sameRequestAgain(record: AccessRecord, options: ReleaseOptions): AccessRecord {
  if (options.replayed) throw options.replayed();
  return record;
}

/** The release record was written by this very request (a retry after a lost answer). */
function isRetryOf(record: AccessRecord, facts: ReleaseOptions['facts']): boolean {
  return facts.requestId !== undefined && record.requestId === facts.requestId && record.actor.id === facts.actor.id;
}

/** PASS_USED, saying when and where the pass went through. */
export function passUsed(record: AccessRecord): AppError {
  const at = new Date(record.at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  const where = record.gate ? `在${record.gate}` : '';
  return new AppError('PASS_USED', `该通行证已于${at}${where}使用`);
}

function checkTemperature(settings: ResidentPassSettings, temperature: number | undefined): number | undefined {
  if (temperature === undefined) {
    if (settings.requireTemperature) throw new AppError('TEMPERATURE_REQUIRED');
    return undefined;
  }
  if (temperature >= TEMPERATURE_RANGE.fever)
    throw new AppError('TEMPERATURE_ABNORMAL', `体温${temperature}℃，高于${TEMPERATURE_RANGE.fever}℃，不能放行`);
  return temperature;
}

/** P4: the holder has no ID registered and the site requires one: register the one entered at the gate. */
async function registerIdNumber(holder: User, idNumber: string | undefined, now: Date): Promise<void> {
  if (!idNumber) throw new AppError('ID_REGISTRATION_REQUIRED');
  const problem = idNumberProblem(idNumber);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  await new UserRepository().update(holder._id, {
    idNumber: {
      sealed: seal(idNumber, 'ID_NUMBER_KEY'),
      hash: lookupHash(idNumber, 'ID_NUMBER_HASH_KEY'),
      masked: maskIdNumber(idNumber),
      registeredAt: now,
    },
    updatedAt: now,
  });
  holder.idNumber = { sealed: '', hash: '', masked: maskIdNumber(idNumber), registeredAt: now };
}
