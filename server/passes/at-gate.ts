import type {
  ExitSlipAtGate,
  ReleaseRequest,
  ReleaseResponse,
  ScanRequest,
  ScanResponse,
} from '../../miniprogram/core/api/gate';
import { AppError } from '../platform/errors';
import {
  AccessRecords,
  accessRecord,
  CODE_PREFIX_LENGTH,
  recordingRefusals,
  refusalOf,
  requestRecordId,
  UNNAMED_HOLDER,
  type Actor,
  type RecordFacts,
} from './access-records';
import { loadGate, type GateView } from './context';
import type { ExitSlip } from './exit-slips';
import { checkPass, type PassCheck } from './pass-codes';
import { eligibility, passFacts, passOrRefusal, releasePass, type PassAtGate } from './release';

/**
 * 门岗 (P3–P5): a guard scans a pass and releases it. The guard's role is checked before anything
 * about the code is said or recorded; then every scan, release and refusal is an access record
 * (P12), forged codes included (a 12-character prefix of them, never more).
 */

/** Who asks, when, and which request (a release's retry is recognised by it). */
export interface AtGate {
  openid: string;
  now: Date;
  requestId?: string;
}

/** What the code is and what its release needs, without using it. */
export async function scanAtGate(at: AtGate, input: ScanRequest): Promise<ScanResponse> {
  const checked = checkPass(input.code, { site: input.siteId, now: at.now });
  const view = await loadGate(at.openid, input.siteId, checked.claims, at.now);
  const facts = factsAtGate(view, guardOf(view), checked, input, at);
  const pass = await recordingRefusals(
    facts,
    () => {
      const found = releasedByGuards(passOrRefusal(checked, view.pass));
      return { ...found, ok: eligibility(found, at.now) };
    },
    { code: unreadable(checked, input.code) },
  );
  await new AccessRecords().add(accessRecord.scan(facts));
  const { ok, claims } = pass;
  return {
    passId: claims.jti,
    type: claims.typ,
    holder: holderOf(pass),
    requires: {
      temperature: ok.settings.requireTemperature,
      // P4 is about residents: a visitor gave (or was not asked for) an ID number when booking
      idRegistration: ok.kind === 'resident' && ok.settings.requireIdRegistration && !ok.holder.idNumber,
    },
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    ...(ok.kind === 'exitSlip' ? { exitSlip: slipAtGate(ok.slip) } : {}),
  };
}

function slipAtGate(slip: ExitSlip): ExitSlipAtGate {
  const { date, goods, plate, carrier, company, remark } = slip;
  return {
    date,
    ...(goods ? { goods } : {}),
    ...(plate ? { plate } : {}),
    ...(carrier ? { carrier } : {}),
    ...(company ? { company } : {}),
    ...(remark ? { remark } : {}),
    photos: slip.photos?.length ?? 0,
  };
}

/** Lets the holder out, once: single use, the exit quota, temperature and ID registration (release.ts). */
export async function releaseAtGate(at: AtGate, input: Omit<ReleaseRequest, 'requestId'>): Promise<ReleaseResponse> {
  const { now, openid } = at;
  // a refused release is recorded under the request's own id, so its retry is refused alike
  const recordId = requestRecordId(openid, at.requestId ?? '');
  const checked = checkPass(input.code, { site: input.siteId, now });
  const view = await loadGate(openid, input.siteId, checked.claims, now, recordId);
  const actor = guardOf(view);
  if (view.earlier) throw sameRequestRefusal(view.earlier, checked, input.code);
  const facts = factsAtGate(view, actor, checked, input, at);
  const record = await recordingRefusals(
    facts,
    () =>
      releasePass(releasedByGuards(passOrRefusal(checked, view.pass)), {
        now,
        facts,
        temperature: input.temperature,
        idNumber: input.idNumber,
      }),
    { id: recordId, code: unreadable(checked, input.code) },
  );
  const pass = view.pass as PassAtGate;
  return { released: true as const, at: record.at.toISOString(), holder: holderOf(pass), type: pass.claims.typ };
}

/**
 * The caller as the site's guard (or administrator): checked before anything about the code is
 * answered or recorded, so a stranger learns nothing and leaves nothing in the site's records.
 */
function guardOf(view: GateView): Actor {
  if (!view.staffRoles.some((m) => m.role === 'guard' || m.role === 'admin')) {
    throw new AppError('FORBIDDEN', '您不是该场区的门岗');
  }
  const { staff } = view;
  return { kind: 'guard', id: staff._id, ...(staff.name ? { name: staff.name } : {}) };
}

/**
 * P5: where the site chose 门禁二维码, a resident's pass is released by the QR door devices only, so the exit
 * rules are applied at one place; the guard is told to send the resident there. Visitor passes stay with the
 * guards: the manual's devices read 住户通行证, and a visitor is met at the gate.
 */
function releasedByGuards(pass: PassAtGate): PassAtGate {
  if (pass.claims.typ === 'resident' && pass.site?.releaseMode === 'device') {
    throw new AppError('FORBIDDEN', '本小区住户通行证由门禁设备扫码放行，请到门禁设备扫码出门');
  }
  return pass;
}

/** The code itself, kept (as a short prefix) only in the record of one that could not be read as a pass. */
function unreadable(checked: PassCheck, text: string): string | undefined {
  return checked.claims ? undefined : text;
}

/**
 * A retry of a release that was refused: the same refusal again. The same request id with
 * another code is not a retry.
 */
function sameRequestRefusal(earlier: NonNullable<GateView['earlier']>, checked: PassCheck, text: string): AppError {
  const same = checked.claims
    ? earlier.passId === checked.claims.jti
    : earlier.codePrefix === text.slice(0, CODE_PREFIX_LENGTH);
  return same ? refusalOf(earlier) : new AppError('INVALID_ARGUMENT', '请求编号已用于另一次操作');
}

function factsAtGate(
  view: GateView,
  actor: Actor,
  checked: PassCheck,
  input: { siteId: string; gate?: string },
  at: AtGate,
): RecordFacts {
  return {
    siteId: input.siteId,
    at: at.now,
    actor,
    ...(input.gate ? { gate: input.gate } : {}),
    ...passFacts(checked.claims, view.pass),
    ...(at.requestId ? { requestId: at.requestId } : {}),
  };
}

function holderOf(pass: PassAtGate) {
  const { holder, house, visit, exitSlip, member, organisation } = pass;
  if (exitSlip) {
    return {
      name: exitSlip.applicantName,
      house: house?.label ?? exitSlip.houseLabel,
      ...(holder?.idNumber ? { maskedIdNumber: holder.idNumber.masked } : {}),
    };
  }
  if (member) {
    const masked = member.idNumber?.masked;
    return {
      name: member.name,
      ...(organisation ? { organisation: organisation.name } : {}),
      ...(masked ? { maskedIdNumber: masked } : {}),
    };
  }
  if (visit) {
    const masked = visit.visitor.idNumber?.masked;
    return {
      name: visit.visitor.name,
      ...(house ? { house: house.label } : {}),
      host: visit.host.name,
      ...(masked ? { maskedIdNumber: masked } : {}),
    };
  }
  return {
    name: holder?.name ?? UNNAMED_HOLDER,
    ...(house ? { house: house.label } : {}),
    ...(holder?.idNumber ? { maskedIdNumber: holder.idNumber.masked } : {}),
  };
}
