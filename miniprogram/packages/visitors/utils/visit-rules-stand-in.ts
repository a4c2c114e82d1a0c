/**
 * SWAP FOR core/visit-rules.ts — a stand-in until the server branch merges the shared visitor rules (来访目的, the
 * visit window, the form schema from a site's VisitorSettings), which the `visitor` function enforces. The page
 * checks only so the person sees a problem under the field before anything is sent; the function's answer is the
 * one that counts. When core/visit-rules.ts lands, import its validators in the three functions' place (their
 * callers are visit-form-rules.ts only) and delete this file.
 */

/** 来访目的: Chinese characters only — no digits, Latin letters or symbols (the 车安门禁 manual's rule). */
export function purposeProblem(text: string): string {
  const value = text.trim();
  if (!value) return '请填写来访目的';
  if (!/^[\u4e00-\u9fff]+$/.test(value)) return '来访目的只能填写中文，不能包含数字、字母或符号';
  if (value.length > 30) return '来访目的不能超过30个字';
  return '';
}

export interface WindowProblems {
  startsAt: string;
  endsAt: string;
}

/** The visit window: starts from now on, ends after it starts, and lasts at most the site's maximum. */
export function windowProblems(startsAt: string, endsAt: string, maxVisitHours: number, now: Date): WindowProblems {
  const problems: WindowProblems = { startsAt: '', endsAt: '' };
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (!startsAt) problems.startsAt = '请选择来访开始时间';
  // a minute of grace: the picker's minute may have just passed
  else if (start < now.getTime() - 60_000) problems.startsAt = '开始时间不能早于现在';
  if (!endsAt) problems.endsAt = '请选择来访结束时间';
  else if (startsAt && end <= start) problems.endsAt = '结束时间须晚于开始时间';
  else if (startsAt && end - start > maxVisitHours * 3600_000) problems.endsAt = `来访时长不能超过${maxVisitHours}小时`;
  return problems;
}
