import { createHash } from 'node:crypto';
import { TEMPERATURE_RANGE, type GateActions } from '../../../miniprogram/core/api/gate';
import { decimal, documentId, object, optional, string } from '../../../miniprogram/core/validate';
import { openDoor } from '../../../server/doors';
import { AppError } from '../../../server/errors';
import { checkPass, MAX_CODE_LENGTH, type PassClaims } from '../../../server/passes/codes';
import { loadGate, loadResident, type GateView } from '../../../server/passes/context';
import { exitAllowance, quotaRefusal, type ExitAllowance } from '../../../server/passes/allowance';
import { ExitCounters } from '../../../server/passes/exit-quota';
import { eligibility, releasePass } from '../../../server/passes/release';
import { AccessRecords, type AccessRecord } from '../../../server/records';
import { createFunction, type ActionContext } from '../../../server/router';
import { UserRepository } from '../../../server/users';

const code = string({ label: '通行码', max: MAX_CODE_LENGTH });
const gateName = optional(string({ label: '门岗', max: 20 }));
/** a resident may shake the door open once every few seconds: a second shake is not a second exit */
const SHAKE_INTERVAL_MS = 5_000;

/**
 * 门岗 and 门禁 (P3–P5, R8): guards scan a pass and release it — consuming it once, with the
 * temperature and ID registration the site requires — and residents shake their phone to open a
 * door. Every scan, release, refusal and opening is an access record (P12).
 */
export const main = createFunction<GateActions>('gate', {
  scan: {
    input: object({ code, siteId: documentId('场区') }),
    async run(context, input) {
      const { claims, view } = await staffWithPass(context, input.code, input.siteId);
      const ok = await recordingRefusals(view, claims, context, undefined, () => eligibility(view.pass, context.now));
      await new AccessRecords().add({
        ...recordBase(view, claims, context),
        kind: 'scan',
        result: 'ok',
      });
      return {
        passId: claims.jti,
        type: claims.typ,
        holder: holderOf(view),
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
      temperature: optional(
        decimal({ label: '体温', min: TEMPERATURE_RANGE.min, max: TEMPERATURE_RANGE.max, decimals: 1 }),
      ),
      idNumber: optional(string({ label: '身份证号', max: 18 })),
      gate: gateName,
    }),
    async run(context, input) {
      const { claims, view } = await staffWithPass(context, input.code, input.siteId);
      const staff = view.staff;
      const record = await recordingRefusals(view, claims, context, input.gate, () =>
        releasePass(view.pass, {
          now: context.now,
          actor: { kind: 'guard', id: staff._id, ...(staff.name ? { name: staff.name } : {}) },
          gate: input.gate,
          temperature: input.temperature,
          idNumber: input.idNumber,
          requestId: context.requestId,
        }),
      );
      return { released: true as const, at: record.at.toISOString(), holder: holderOf(view), type: claims.typ };
    },
  },

  shakeOpen: {
    mutating: 'own',
    input: object({ siteId: documentId('场区'), doorId: optional(documentId('门禁')) }),
    async run(context, input) {
      const { now } = context;
      const requestId = context.requestId ?? '';
      // the opening is keyed by the request: a retry neither opens, counts nor records a second time
      const openingId = `open-${createHash('sha256').update(`${context.caller.openid}\n${requestId}`).digest('hex').slice(0, 32)}`;
      const view = await loadResident(context.caller.openid, input.siteId, now, openingId);
      const { user, site, house, doors, counters: live } = view;
      const done = view.record?.kind === 'open' ? doors.find((d) => d.name === view.record?.gate) : undefined;
      if (done) return { opened: true as const, door: { id: done._id, name: done.name }, remaining: null };
      const door = input.doorId
        ? doors.find((d) => d._id === input.doorId)
        : (doors.find((d) => d.isDefault) ?? doors[0]);
      if (!door) throw new AppError('NOT_FOUND', '该场区没有可用的门禁');
      const base = {
        siteId: site._id,
        at: now,
        userId: user._id,
        holderName: user.name ?? '住户',
        houseId: house._id,
        house: house.label,
        gate: door.name,
        direction: 'out' as const,
        actor: { kind: 'resident' as const, id: user._id },
        requestId,
      };
      const refuse = async (error: AppError): Promise<never> => {
        await new AccessRecords().add({
          ...base,
          kind: 'refusal',
          result: 'refused',
          reason: error.code,
          message: error.message,
        });
        throw error;
      };
      let allowance: ExitAllowance;
      try {
        allowance = exitAllowance(site, house, user._id, live, now);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return refuse(error);
      }
      const { settings, period, limit, subject, used } = allowance;
      // a door cannot take a temperature or register an ID: those releases belong to the guard
      if (settings.requireTemperature) {
        return refuse(new AppError('TEMPERATURE_REQUIRED', '本小区出入需测量体温，请到门岗扫码通行'));
      }
      if (settings.requireIdRegistration && !user.idNumber) return refuse(new AppError('ID_REGISTRATION_REQUIRED'));

      const _ = new UserRepository().command();
      const calm = await new UserRepository().updateWhere(
        { _id: user._id, lastShakeOpenAt: _.not(_.gt(new Date(now.getTime() - SHAKE_INTERVAL_MS))) },
        { lastShakeOpenAt: now },
      );
      if (calm !== 1) throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再摇');

      const counters = new ExitCounters();
      if (limit !== null && !(await counters.take(subject, period, limit, openingId)))
        return refuse(quotaRefusal(period, limit));
      try {
        await openDoor(door, requestId, now);
      } catch (error) {
        if (limit !== null) await counters.giveBack(subject, period, openingId);
        throw error;
      }
      await new AccessRecords().add({ ...base, _id: openingId, kind: 'open', result: 'ok', passId: openingId });
      const remaining = limit === null ? null : Math.max(0, limit - used - 1);
      return { opened: true as const, door: { id: door._id, name: door.name }, remaining };
    },
  },
});

/** Checks the code (no database), then loads the staff member and the pass in one call, and checks the role. */
async function staffWithPass(
  context: ActionContext,
  text: string,
  siteId: string,
): Promise<{ claims: PassClaims; view: GateView }> {
  const checked = checkPass(text, { site: siteId, now: context.now });
  if (!checked.ok) throw new AppError(checked.code, checked.message);
  const view = await loadGate(context.caller.openid, checked.claims, context.now);
  if (!view.staffRoles.some((m) => m.role === 'guard' || m.role === 'admin')) {
    throw new AppError('FORBIDDEN', '您不是该场区的门岗');
  }
  return { claims: checked.claims, view };
}

/** Runs a check or release; a refusal is written to the access records before it is answered. */
async function recordingRefusals<T>(
  view: GateView,
  claims: PassClaims,
  context: ActionContext,
  gate: string | undefined,
  run: () => T | Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') {
      await new AccessRecords().add({
        ...recordBase(view, claims, context),
        ...(gate ? { gate } : {}),
        kind: 'refusal',
        result: 'refused',
        reason: error.code,
        message: error.message,
      });
    }
    throw error;
  }
}

function recordBase(
  view: GateView,
  claims: PassClaims,
  context: ActionContext,
): Omit<AccessRecord, '_id' | 'kind' | 'result'> {
  const { holder, house } = view.pass;
  return {
    siteId: claims.site,
    at: context.now,
    passId: claims.jti,
    passType: claims.typ,
    userId: claims.sub,
    ...(holder ? { holderName: holder.name ?? '住户' } : {}),
    ...(house ? { houseId: house._id, house: house.label } : {}),
    direction: 'out',
    actor: { kind: 'guard', id: view.staff._id, ...(view.staff.name ? { name: view.staff.name } : {}) },
  };
}

function holderOf(view: GateView) {
  const { holder, house } = view.pass;
  return {
    name: holder?.name ?? '住户',
    ...(house ? { house: house.label } : {}),
    ...(holder?.idNumber ? { maskedIdNumber: holder.idNumber.masked } : {}),
  };
}
