import {
  RESIDENT_PASS_LIFETIME_S,
  RESIDENT_PASS_REFRESH_BEFORE_S,
  type ResidentPassResponse,
} from '../../miniprogram/core/api/pass';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { AccessRecords, UNNAMED_HOLDER, accessRecord } from './access-records';
import { exitAllowance } from './allowance';
import { loadResident } from './context';
import { newPassId, signPass } from './pass-codes';

/**
 * 住户通行证 (R7, P1, X3): a signed pass for the caller's current site, valid 10 minutes and
 * void after one release. Two database calls: one read of everything (context.ts) and the
 * issue record. When the rules say no, the refusal says why (house restricted, outside the
 * windows, exits used up) — the home page shows it instead of a code.
 */
export async function residentPass(
  context: ActionContext,
  { siteId }: { siteId?: string },
): Promise<ResidentPassResponse> {
  const { now } = context;
  const { user, membership, site, house, counters } = await loadResident(context.caller.openid, siteId, now);
  // taken back by the property (X4): no new code until an administrator lifts it, or refreshing would undo it
  if (membership.passRevoked) throw new AppError('PASS_REVOKED', '您的通行证已被物业收回，请联系物业');
  const { settings, period, limit, used } = exitAllowance(site, house, user._id, counters, now);

  const passId = newPassId();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + RESIDENT_PASS_LIFETIME_S;
  const code = signPass({
    typ: 'resident',
    jti: passId,
    site: site._id,
    nbf: issuedAt,
    exp: expiresAt,
  });
  await new AccessRecords().add(
    accessRecord.issue({
      siteId: site._id,
      at: now,
      actor: { kind: 'resident', id: user._id },
      pass: { id: passId, type: 'resident' },
      holder: { id: user._id, name: user.name },
      house: { id: house._id, label: house.label },
    }),
  );
  return {
    passId,
    code,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    refreshAt: new Date((expiresAt - RESIDENT_PASS_REFRESH_BEFORE_S) * 1000).toISOString(),
    site: { id: site._id, name: site.name },
    holder: user.name ?? UNNAMED_HOLDER,
    house: house.label,
    quota: {
      limit,
      used,
      remaining: limit === null ? null : limit - used,
      countingMode: settings.countingMode,
      periodEndsAt: period.endsAt.toISOString(),
    },
    requires: {
      temperature: settings.requireTemperature,
      idRegistration: settings.requireIdRegistration && !user.idNumber,
    },
  };
}
