import { decideExit, quotaExhausted, type Period, type ResidentPassSettings } from '../../miniprogram/core/pass-rules';
import { AppError } from '../platform/errors';
import type { House } from '../sites/house';
import { residentPassSettings, type Site } from '../sites/site';
import { usedIn, type CounterSubject, type ExitCounter } from './exit-quota';

/** What a resident may do at the gate right now: the rules that apply and the exits left. */
export interface ExitAllowance {
  settings: ResidentPassSettings;
  period: Period;
  /** exits in this period; null = unlimited */
  limit: number | null;
  /** whose counter: the person's, or the household's (一户一次) */
  subject: CounterSubject;
  used: number;
}

/**
 * The one place the site's rules, the house's restriction and the live counters turn into a yes
 * (with the allowance) or a refusal in plain words — for issuing a pass, releasing it, and
 * shaking a door open alike.
 */
export function exitAllowance(
  site: Site,
  house: House,
  userId: string,
  counters: readonly ExitCounter[],
  now: Date,
  /** a pass being released: an exit already counted for it is its own, not one more */
  passId?: string,
): ExitAllowance {
  const settings = residentPassSettings(site);
  const decision = decideExit(settings, house.restriction, now);
  if (!decision.allowed) throw new AppError(decision.code, decision.message);
  const subject: CounterSubject =
    decision.countingMode === 'perHousehold' ? { siteId: site._id, houseId: house._id } : { siteId: site._id, userId };
  const used = usedIn(counters, subject, decision.period, passId);
  if (decision.limit !== null && used >= decision.limit) throw quotaRefusal(decision.period, decision.limit, now);
  return { settings, period: decision.period, limit: decision.limit, subject, used };
}

export function quotaRefusal(period: Period, limit: number, now: Date): AppError {
  const refusal = quotaExhausted(period, limit, now);
  return new AppError(refusal.code, refusal.message);
}
