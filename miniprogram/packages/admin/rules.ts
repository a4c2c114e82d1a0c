import { isTimeOfDay, type HouseRestriction } from '../../core/pass-rules';
import { array, boolean, integer, object, oneOf, string, type Schema } from '../../core/validate';

/**
 * (In the admin subpackage, not core/: only the back office's pages and the `admin` function use it, and every core/
 * file counts against the main package's 300 KB budget.)
 *
 * What an administrator may set as a site's pass rules and a house's restriction (P2, P10): the
 * `admin` function checks these, and the back-office forms check the same as the administrator types.
 */

const timeOfDay = string({ label: '时间', max: 5, pattern: /^\d{2}:\d{2}$/, patternMessage: '时间格式为HH:mm' });

export const exitCount = integer({ label: '周期内可出门次数', min: -1, max: 100 });

/** 可出门时间段: up to 6 windows of HH:mm–HH:mm (a window may run past midnight). */
export const exitWindows: Schema<Array<{ start: string; end: string }>> = {
  parse(value, path = '') {
    const parsed = array(object({ start: timeOfDay, end: timeOfDay }), { label: '可出门时间段', max: 6 }).parse(
      value,
      path,
    );
    if (!parsed.ok) return parsed;
    const bad = parsed.value.find((w) => !isTimeOfDay(w.start) || !isTimeOfDay(w.end) || w.start === w.end);
    return bad ? { ok: false, issues: [{ path, message: '时间段不正确' }] } : parsed;
  },
};

export const restriction: Schema<HouseRestriction | null> = {
  parse(value, path = '') {
    if (value === null) return { ok: true, value: null };
    if (typeof value === 'object' && (value as { kind?: unknown }).kind === 'banned') {
      return { ok: true, value: { kind: 'banned' } };
    }
    const own = object({ kind: oneOf(['ownQuota'] as const, '限制方式'), exitsPerPeriod: exitCount }).parse(
      value,
      path,
    );
    return own.ok ? { ok: true, value: own.value } : own;
  },
};

/** 住户通行证设置: the resident pass rules as the back office sends them. */
export const residentPassInput = object({
  countingMode: oneOf(['perPerson', 'perHousehold'] as const, '出门计算方式'),
  periodDays: integer({ label: '出门间隔周期', min: 1, max: 365 }),
  exitsPerPeriod: exitCount,
  exitWindows,
  requireIdRegistration: boolean('身份证记录'),
  requireTemperature: boolean('体温记录'),
});

/** A QR door device as the administrator registers it (P5): its name and the gate it stands at. */
export const deviceName = string({ label: '设备名称', max: 30 });
export const deviceGate = string({ label: '门岗', max: 20 });
