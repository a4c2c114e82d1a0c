/**
 * The platform's 7-field cron for timer triggers (定时触发器): `second minute hour day month weekday year`, each
 * field `*`, a number, a range `a-b`, any of those with a step `/n` (every n-th value of `*`, from `a` to the end,
 * or within `a-b`), or a list of those `a,b`. Months may be JAN–DEC and weekdays SUN–SAT (0 is Sunday), as the
 * WeChat docs allow. `?`, `L`, `W` and `#` are not in the platform's list of wildcards and are refused.
 *
 * Times are matched in UTC+8: SCF evaluates timer triggers in Beijing time whatever zone the function runs in
 * (China has had no daylight saving since 1991, so a fixed offset is exact).
 */
export interface CronSchedule {
  readonly expression: string;
  /** the first matching whole second strictly after `afterMs` (epoch ms), or undefined if none before 2100 */
  next(afterMs: number): number | undefined;
}

/** A cron expression the platform would refuse, with what is wrong in it. */
export class CronError extends Error {}

const BEIJING_OFFSET_MS = 8 * 3600_000;

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
];

export function parseCron(expression: string): CronSchedule {
  if (typeof expression !== 'string') throw new CronError('the cron expression must be a string');
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) {
    throw new CronError(
      `"${expression}" has ${parts.length} fields; the platform's cron has 7: second minute hour day month weekday year`,
    );
  }
  const [second, minute, hour, day, month, weekday, year] = parts.map((part, i) => parseField(part, FIELDS[i]));
  // as in classic cron: when both day and weekday are restricted, a time matching either is a match
  const dayRestricted = parts[3] !== '*';
  const weekdayRestricted = parts[5] !== '*';
  const dayMatches = (date: Date) => {
    const byDay = day.has(date.getUTCDate());
    const byWeekday = weekday.has(date.getUTCDay());
    if (dayRestricted && weekdayRestricted) return byDay || byWeekday;
    return byDay && byWeekday;
  };

  return {
    expression,
    next(afterMs) {
      // walk in Beijing wall-clock time, held in a Date's UTC fields
      const t = new Date(Math.floor(afterMs / 1000) * 1000 + 1000 + BEIJING_OFFSET_MS);
      // each step moves to the start of the next candidate unit, so this ends well within a few thousand steps
      for (let steps = 0; steps < 100_000; steps += 1) {
        const y = t.getUTCFullYear();
        if (y > 2099) return undefined;
        if (!year.has(y)) {
          t.setUTCFullYear(y + 1, 0, 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!month.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(t)) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!hour.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
        } else if (!minute.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
        } else if (!second.has(t.getUTCSeconds())) {
          t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
        } else {
          return t.getTime() - BEIJING_OFFSET_MS;
        }
      }
      return undefined;
    },
  };
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronError(`${spec.name} field "${text}" has an empty list item`);
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronError(`${spec.name} field "${item}" has more than one "/"`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined) throw new CronError(`${spec.name} field "${item}" is not a range a-b`);
      from = value(a, spec);
      to = value(b, spec);
      if (from > to) throw new CronError(`${spec.name} range "${range}" runs backwards`);
    } else {
      from = value(range, spec);
      // `a/n` runs from a to the end of the field, as the platform's "1/10" example describes
      to = stepText === undefined ? from : spec.max;
    }
    const step = stepText === undefined ? 1 : stepValue(stepText, spec);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, spec: FieldSpec): number {
  const byName = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + spec.min;
  if (!/^\d+$/.test(text)) {
    throw new CronError(`${spec.name} field: "${text}" is not a number${spec.names ? ' or a name' : ''}`);
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new CronError(`${spec.name} field: ${n} is outside ${spec.min}-${spec.max}`);
  }
  return n;
}

function stepValue(text: string, spec: FieldSpec): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new CronError(`${spec.name} field: step "/${text}" must be a positive whole number`);
  }
  return Number(text);
}
