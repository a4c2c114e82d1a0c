/**
 * The visitor form's fields and their rules, built from the site's 访客通行证设置 (P7): the optional fields it shows
 * and requires, the longest visit. The booking form has the host (受访人); an invitation has none (the resident is
 * the host). Rules come from miniprogram/core where they exist (phone, ID number) and from the stand-in for
 * core/visit-rules.ts otherwise.
 */
import { phone } from '../../../core/account-rules';
import type { VisitorFormField, VisitorSettings } from '../../../core/api/visitor';
import { idNumberProblem } from '../../../core/id-number';
import { type FieldRule, required } from '../../../utils/form';
import { purposeProblem, windowProblems } from './visit-rules-stand-in';
import { parseShanghai } from '../../../core/visit-time';

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

const instantOf = (wall: string) => parseShanghai(wall)?.toISOString() ?? '';

const personName =
  (who: string): Rule =>
  (value) => {
    const name = value.trim();
    if (!name) return `请填写${who}姓名`;
    return name.length > 20 ? `${who}姓名不能超过20个字` : '';
  };

const plate: Rule = (value) =>
  /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/.test(value.trim().toUpperCase()) ? '' : '请填写正确的车牌号，如 鲁B12345';

const companions: Rule = (value) =>
  /^\d{1,2}$/.test(value.trim()) && Number(value) <= 20 ? '' : '随行人数请填写0–20的数字';

const company: Rule = (value) => (value.trim().length <= 30 ? '' : '来访单位不能超过30个字');

const idNumber: Rule = (value) => idNumberProblem(value.trim()) ?? '';

const OPTIONAL_RULES: Record<VisitorFormField, Rule> = { idNumber, plate, companions, company };
const MISSING: Record<VisitorFormField, string> = {
  idNumber: '请填写证件号码',
  plate: '请填写车牌号',
  companions: '请填写随行人数',
  company: '请填写来访单位',
};

/** An optional field as the site set it: hidden → no rule; shown → its rule, and required or not. */
function siteField(settings: VisitorSettings, field: VisitorFormField): Rule {
  const choice = settings.fields[field];
  if (!choice.show) return none;
  const rule = OPTIONAL_RULES[field];
  return (value, form) => {
    if (value.trim() === '') return choice.required ? MISSING[field] : '';
    return rule(value, form);
  };
}

/** `now` is asked at each check: a form left open past its start time says so. */
export function visitFormRules(
  mode: VisitFormMode,
  settings: VisitorSettings,
  now: () => Date,
): Record<VisitField, Rule> {
  const window = (field: 'startsAt' | 'endsAt'): Rule => {
    return (_value, form) =>
      windowProblems(instantOf(form.startsAt), instantOf(form.endsAt), settings.maxVisitHours, now())[field];
  };
  return {
    hostName: mode === 'book' ? personName('受访人') : none,
    hostPhone: mode === 'book' ? required(phone) : none,
    visitorName: personName('来访人'),
    visitorPhone: required(phone),
    idNumber: siteField(settings, 'idNumber'),
    purpose: (value) => purposeProblem(value),
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
