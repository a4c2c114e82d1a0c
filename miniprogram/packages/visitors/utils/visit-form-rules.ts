/**
 * The visitor form's fields and their rules, built from the site's 访客通行证设置 (P7): the optional fields it shows
 * and requires, the longest visit. The booking form has the host (受访人); an invitation has none (the resident is
 * the host). Every rule is the one the `visitor` function enforces (core/visit-rules.ts, core/account-rules.ts): the
 * page checks only so the person sees a problem under the field before anything is sent.
 */
import { phone } from '../../../core/account-rules';
import type { VisitorFormField, VisitorSettings } from '../../../core/api/visitor';
import type { Schema } from '../../../core/validate';
import {
  companions,
  company,
  idNumber,
  personName,
  plate,
  visitPurpose,
  visitWindowProblem,
} from '../../../core/visit-rules';
import { parseShanghai } from '../../../core/visit-time';
import { type FieldRule, required } from '../../../utils/form';

export type VisitFormMode = 'book' | 'invite';

export type VisitField =
  | 'hostName'
  | 'hostPhone'
  | 'visitorName'
  | 'visitorPhone'
  | 'idNumber'
  | 'purpose'
  | 'startsAt'
  | 'endsAt'
  | 'plate'
  | 'companions'
  | 'company';

type Rule = FieldRule<VisitField>;

const none: Rule = () => '';

const firstProblem = (schema: Schema<unknown>, value: unknown): string => {
  const parsed = schema.parse(value);
  return parsed.ok ? '' : (parsed.issues[0]?.message ?? '');
};

/**
 * What each optional field's text is sent as (the page sends a plate upper-cased and 随行人数 as a number), so its
 * rule checks exactly what the function will parse.
 */
export const OPTIONAL_FIELD_VALUE: Record<VisitorFormField, (text: string) => string | number> = {
  idNumber: (text) => text.trim(),
  plate: (text) => text.trim().toUpperCase(),
  companions: (text) => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : text.trim()),
  company: (text) => text.trim(),
};

const OPTIONAL_SCHEMAS: Record<VisitorFormField, Schema<unknown>> = { idNumber, plate, companions, company };

/**
 * An optional field as the site set it, as core/visit-rules.ts `visitFormSchema` does: hidden → not sent, no rule;
 * shown → its schema, required or not (an empty field is not sent).
 */
function siteField(settings: VisitorSettings, field: VisitorFormField): Rule {
  const choice = settings.fields[field];
  if (!choice.show) return none;
  return (value) => {
    if (value.trim() === '') return choice.required ? firstProblem(OPTIONAL_SCHEMAS[field], undefined) : '';
    return firstProblem(OPTIONAL_SCHEMAS[field], OPTIONAL_FIELD_VALUE[field](value));
  };
}

/** The visit window's problem, under the field it is about. */
function windowProblem(
  field: 'startsAt' | 'endsAt',
  form: Readonly<Record<VisitField, string>>,
  maxVisitHours: number,
  now: Date,
): string {
  const start = parseShanghai(form.startsAt);
  const end = parseShanghai(form.endsAt);
  if (field === 'startsAt' && !start) return form.startsAt ? '开始时间格式不正确' : '请选择来访开始时间';
  if (field === 'endsAt' && !end) return form.endsAt ? '结束时间格式不正确' : '请选择来访结束时间';
  if (!start || !end) return '';
  const problem = visitWindowProblem(start, end, now, maxVisitHours) ?? '';
  // the start alone decides these two; the others are about the end
  const aboutStart = problem.startsWith('开始时间') || problem.startsWith('只能预约');
  return (field === 'startsAt') === aboutStart ? problem : '';
}

/** `now` is asked at each check: a form left open past its start time says so. */
export function visitFormRules(
  mode: VisitFormMode,
  settings: VisitorSettings,
  now: () => Date,
): Record<VisitField, Rule> {
  const window =
    (field: 'startsAt' | 'endsAt'): Rule =>
    (_value, form) =>
      windowProblem(field, form, settings.maxVisitHours, now());
  return {
    hostName: mode === 'book' ? required(personName('受访人姓名')) : none,
    hostPhone: mode === 'book' ? required(phone) : none,
    visitorName: required(personName('来访人姓名')),
    visitorPhone: required(phone),
    idNumber: siteField(settings, 'idNumber'),
    purpose: required(visitPurpose),
    startsAt: window('startsAt'),
    endsAt: window('endsAt'),
    plate: siteField(settings, 'plate'),
    companions: siteField(settings, 'companions'),
    company: siteField(settings, 'company'),
  };
}

/** What the form shows of each optional field: hidden, or shown with 必填 / 选填. */
export function optionalFieldsView(
  settings: VisitorSettings,
): Record<VisitorFormField, { show: boolean; hint: string }> {
  const view = {} as Record<VisitorFormField, { show: boolean; hint: string }>;
  for (const field of Object.keys(settings.fields) as VisitorFormField[]) {
    const choice = settings.fields[field];
    view[field] = { show: choice.show, hint: choice.required ? '必填' : '选填' };
  }
  return view;
}
