/**
 * 住户通行证设置 as the form holds it (numbers as typed, windows as rows) and back, with each problem placed at its
 * field. The problems are core/pass-settings-rules.ts's own, in its own words: the `admin` function checks the same.
 */
import type { PassSettingsInput, PassSettingsView } from '../../../../core/api/admin';
import { exitWindows, residentPassInput } from '../../rules';
import { isTimeOfDay, type CountingMode } from '../../../../core/pass-rules';
import type { ReleaseMode } from '../../../../core/settings-words';

export interface WindowRow {
  start: string;
  end: string;
  /** the window runs past midnight: its end is the next day's */
  overnight: boolean;
}

export interface ResidentPassDraft {
  countingMode: CountingMode;
  periodDays: string;
  exitsPerPeriod: string;
  windows: WindowRow[];
  requireIdRegistration: boolean;
  requireTemperature: boolean;
  releaseMode: ReleaseMode;
}

export interface DraftErrors {
  periodDays: string;
  exitsPerPeriod: string;
  /** one per window row, '' when the row is fine */
  windows: string[];
  /** the list as a whole (too many windows) */
  windowList: string;
}

/** At most this many windows (the rule's own limit). */
export const MAX_WINDOWS = 6;

export function windowRow(start: string, end: string): WindowRow {
  return { start, end, overnight: isTimeOfDay(start) && isTimeOfDay(end) && end < start };
}

export function draftOf(view: PassSettingsView): ResidentPassDraft {
  const rules = view.residentPass;
  return {
    countingMode: rules.countingMode,
    periodDays: String(rules.periodDays),
    exitsPerPeriod: String(rules.exitsPerPeriod),
    windows: rules.exitWindows.map((w) => windowRow(w.start, w.end)),
    requireIdRegistration: rules.requireIdRegistration,
    requireTemperature: rules.requireTemperature,
    releaseMode: view.releaseMode,
  };
}

export function noErrors(draft: ResidentPassDraft): DraftErrors {
  return { periodDays: '', exitsPerPeriod: '', windows: draft.windows.map(() => ''), windowList: '' };
}

/** A whole number as typed (`-1`, `3`), or the text itself, which the rule then refuses in its own words. */
function typedInteger(text: string): number | string {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** The draft checked by the rules: what to send, or the problems at their fields. */
export function checkDraft(
  draft: ResidentPassDraft,
): { ok: true; residentPass: PassSettingsInput } | { ok: false; errors: DraftErrors } {
  const input = {
    countingMode: draft.countingMode,
    periodDays: typedInteger(draft.periodDays),
    exitsPerPeriod: typedInteger(draft.exitsPerPeriod),
    exitWindows: draft.windows.map((w) => ({ start: w.start.trim(), end: w.end.trim() })),
    requireIdRegistration: draft.requireIdRegistration,
    requireTemperature: draft.requireTemperature,
  };
  const parsed = residentPassInput.parse(input);
  if (parsed.ok) return { ok: true, residentPass: parsed.value };
  const errors = noErrors(draft);
  for (const issue of parsed.issues) {
    if (issue.path === 'periodDays') errors.periodDays ||= issue.message;
    else if (issue.path === 'exitsPerPeriod') errors.exitsPerPeriod ||= issue.message;
  }
  // each row on its own, so the problem shows at the row that has it (the list rule speaks of the list)
  input.exitWindows.forEach((w, i) => {
    const row = exitWindows.parse([w]);
    if (!row.ok) errors.windows[i] = row.issues[0].message;
  });
  if (draft.windows.length > MAX_WINDOWS) errors.windowList = `可出门时间段最多${MAX_WINDOWS}项`;
  return { ok: false, errors };
}
