import type { GateActions } from '../../../miniprogram/core/api/gate';
import { temperature } from '../../../miniprogram/core/gate-rules';
import { documentId, object, optional, string } from '../../../miniprogram/core/validate';
import { AppError } from '../../../server/platform/errors';
import { checkPass, MAX_CODE_LENGTH, type PassCheck } from '../../../server/passes/pass-codes';
import { loadGate, type GateView } from '../../../server/passes/context';
import { eligibility, passFacts, passOrRefusal, releasePass, type PassAtGate } from '../../../server/passes/release';
import { shakeOpen } from '../../../server/passes/shake-open';
import {
  AccessRecords,
  accessRecord,
  CODE_PREFIX_LENGTH,
  recordingRefusals,
  refusalOf,
  requestRecordId,
  type Actor,
  UNNAMED_HOLDER,
  type RecordFacts,
} from '../../../server/passes/access-records';
import { createFunction, type ActionContext } from '../../../server/platform/router';

const code = string({ label: '通行码', max: MAX_CODE_LENGTH });
const gateName = optional(string({ label: '门岗', max: 20 }));

/**
 * 门岗 and 门禁 (P3–P5, R8): guards scan a pass and release it — consuming it once, with the
 * temperature and ID registration the site requires — and residents shake their phone to open a
 * door. Every scan, release, refusal and opening is an access record (P12), forged codes included.
 */
export const main = createFunction<GateActions>('gate', {
  scan: {
    input: object({ code, siteId: documentId('场区'), gate: gateName }),
    async run(context, input) {
      const checked = checkPass(input.code, { site: input.siteId, now: context.now });
      const view = await loadGate(context.caller.openid, input.siteId, checked.claims, context.now);
      const facts = factsAtGate(view, guardOf(view), checked, input, context);
      const pass = await recordingRefusals(
        facts,
        () => {
          const found = passOrRefusal(checked, view.pass);
          return { ...found, ok: eligibility(found, context.now) };
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
          idRegistration: ok.settings.requireIdRegistration && !ok.holder.idNumber,
        },
        expiresAt: new Date(claims.exp * 1000).toISOString(),
      };
    },
  },

  release: {
    mutating: 'own',
    input: object({
      code,
      siteId: documentId('场区'),
      temperature: optional(temperature),
      idNumber: optional(string({ label: '身份证号', max: 18 })),
      gate: gateName,
    }),
    async run(context, input) {
      const { now, caller } = context;
      // a refused release is recorded under the request's own id, so its retry is refused alike
      const recordId = requestRecordId(caller.openid, context.requestId ?? '');
      const checked = checkPass(input.code, { site: input.siteId, now });
      const view = await loadGate(caller.openid, input.siteId, checked.claims, now, recordId);
      const actor = guardOf(view);
      if (view.earlier) throw sameRequestRefusal(view.earlier, checked, input.code);
      const facts = factsAtGate(view, actor, checked, input, context);
      const record = await recordingRefusals(
        facts,
        () =>
          releasePass(passOrRefusal(checked, view.pass), {
            now,
            facts,
            temperature: input.temperature,
            idNumber: input.idNumber,
          }),
        { id: recordId, code: unreadable(checked, input.code) },
      );
      const pass = view.pass as PassAtGate;
      return { released: true as const, at: record.at.toISOString(), holder: holderOf(pass), type: pass.claims.typ };
    },
  },

  shakeOpen: {
    mutating: 'own',
    input: object({ siteId: documentId('场区'), doorId: optional(documentId('门禁')) }),
    async run(context, input) {
      const requestId = context.requestId ?? '';
      return shakeOpen({
        openid: context.caller.openid,
        siteId: input.siteId,
        ...(input.doorId ? { doorId: input.doorId } : {}),
        now: context.now,
        requestId,
        recordId: requestRecordId(context.caller.openid, requestId),
      });
    },
  },
});

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
  context: ActionContext,
): RecordFacts {
  return {
    siteId: input.siteId,
    at: context.now,
    actor,
    ...(input.gate ? { gate: input.gate } : {}),
    ...passFacts(checked.claims, view.pass),
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
}

function holderOf(pass: PassAtGate) {
  const { holder, house } = pass;
  return {
    name: holder?.name ?? UNNAMED_HOLDER,
    ...(house ? { house: house.label } : {}),
    ...(holder?.idNumber ? { maskedIdNumber: holder.idNumber.masked } : {}),
  };
}
