import { phone } from './account-rules';
import type { FieldChoice, VisitInput, VisitorFormField, VisitorSettings } from './api/visitor';
import { VISITOR_FORM_FIELDS } from './api/visitor';
import { idNumberProblem } from './id-number';
import { formatDateTime } from './visit-time';
import { boolean, documentId, integer, object, oneOf, optional, string, type Parsed, type Schema } from './validate';

/**
 * 访客预约 rules (R13, R14, P7): what the visitor form accepts, given a site's 访客通行证设置. The booking and
 * invitation pages check these as the person types; the `visitor` function checks the same before anything else.
 */

/**
 * The defaults until an administrator sets them. Residents may invite (P7's switch on): an invitation comes from
 * someone the property already knows living at the site, and it is what 访客预约 is mostly used for; a site that wants
 * every visit approved turns it off. Faces are optional and taken at the gate: collecting a face in the app needs a
 * platform qualification the operator must confirm first (docs/personal-data.md), and refusing a face never locks
 * anyone out. ID numbers are not asked by default: they are sensitive, and asked only where a site requires them.
 */
export const DEFAULT_VISITOR_SETTINGS: VisitorSettings = {
  residentsMayInvite: true,
  adminsApprove: false,
  maxVisitHours: 24,
  face: 'optional',
  faceCapture: 'gate',
  fields: {
    idNumber: { show: false, required: false },
    plate: { show: true, required: false },
    companions: { show: true, required: false },
    company: { show: false, required: false },
  },
};

/** A site's settings with the defaults filled in (a site stores only what its administrator set). */
export function visitorSettingsOf(stored: Partial<VisitorSettings> | undefined): VisitorSettings {
  return {
    ...DEFAULT_VISITOR_SETTINGS,
    ...stored,
    fields: { ...DEFAULT_VISITOR_SETTINGS.fields, ...stored?.fields },
  };
}

/** 来访目的: Chinese characters only — no digits, Latin letters, symbols or spaces (R13). */
export const PURPOSE_PATTERN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/;
export const visitPurpose = string({
  label: '来访目的',
  min: 2,
  max: 30,
  pattern: PURPOSE_PATTERN,
  patternMessage: '来访目的只能填写汉字，不能包含数字、字母、符号或空格',
});

export const personName = (label: string) => string({ label, max: 20 });

/** a start this far in the past is still accepted: the time it took to fill in the form */
export const VISIT_START_GRACE_MS = 10 * 60_000;
/** how far ahead a visit may be booked */
export const VISIT_MAX_ADVANCE_DAYS = 30;

/** Why a visit window cannot be booked at `now`, or undefined when it can. */
export function visitWindowProblem(startsAt: Date, endsAt: Date, now: Date, maxVisitHours: number): string | undefined {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return '来访时间格式不正确';
  if (endsAt.getTime() <= startsAt.getTime()) return '结束时间应晚于开始时间';
  if (startsAt.getTime() < now.getTime() - VISIT_START_GRACE_MS) return '开始时间不能早于现在';
  if (startsAt.getTime() > now.getTime() + VISIT_MAX_ADVANCE_DAYS * 86_400_000) {
    return `只能预约${VISIT_MAX_ADVANCE_DAYS}天内的来访`;
  }
  if (endsAt.getTime() - startsAt.getTime() > maxVisitHours * 3_600_000) return `来访时长不能超过${maxVisitHours}小时`;
  return undefined;
}

/** How long a suggested visit lasts, when the site allows that long. */
const SUGGESTED_VISIT_HOURS = 2;

/**
 * The window a new form starts with, so a visitor who comes soon changes nothing: from the next half hour (Shanghai
 * time; China has no half-hour zone quirks) for two hours, or the site's longest visit when that is shorter. As the
 * date-time pickers show it, `YYYY-MM-DD HH:mm`.
 */
export function suggestedVisitWindow(now: Date, maxVisitHours: number): { startsAt: string; endsAt: string } {
  const halfHour = 30 * 60_000;
  const start = Math.ceil(now.getTime() / halfHour) * halfHour;
  const end = start + Math.min(SUGGESTED_VISIT_HOURS, maxVisitHours) * 3_600_000;
  return { startsAt: formatDateTime(start), endsAt: formatDateTime(end) };
}

/** An ISO instant with its offset (what the date-time pickers send: `2026-12-03T14:00:00+08:00`). */
export const isoInstant = (label: string): Schema<string> => ({
  parse(value, path = '') {
    const fail = (message: string): Parsed<never> => ({ ok: false, issues: [{ path, message }] });
    if (value === undefined || value === null || value === '') return fail(`请选择${label}`);
    if (typeof value !== 'string' || value.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      return fail(`${label}格式不正确`);
    }
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? fail(`${label}格式不正确`) : { ok: true, value: at.toISOString() };
  },
});

export const idNumber: Schema<string> = {
  parse(value, path = '') {
    const text = string({ label: '证件号码', max: 18 }).parse(value, path);
    if (!text.ok) return text;
    const problem = idNumberProblem(text.value);
    return problem ? { ok: false, issues: [{ path, message: problem }] } : text;
  },
};

/** 车牌号: a province character, a letter, then 5 or 6 letters and digits (new-energy plates have 6). */
export const plate = string({
  label: '车牌号',
  max: 8,
  pattern: /^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$/,
  patternMessage: '车牌号格式不正确，如鲁B12345',
});
export const companions = integer({ label: '随行人数', min: 0, max: 20 });
export const company = string({ label: '来访单位', max: 40 });

/**
 * A face photo the page uploaded with wx.cloud.uploadFile, under `visitors/faces/<the uploader's openid>/` of the
 * environment's storage (the function accepts only the caller's own folder: server/visitors/face.ts).
 */
export const FACE_FILE_PATTERN =
  /^cloud:\/\/[A-Za-z0-9._-]+\/visitors\/faces\/([A-Za-z0-9_-]+)\/[A-Za-z0-9_-]+\.(jpg|jpeg|png)$/;
const faceFileId = string({ label: '人脸照片', max: 200, pattern: FACE_FILE_PATTERN, patternMessage: '人脸照片无效' });
export const faceInput: Schema<{ fileId: string } | 'skip'> = {
  parse(value, path = '') {
    if (value === 'skip') return { ok: true, value };
    const parsed = object({ fileId: faceFileId }).parse(value, path);
    return parsed.ok ? { ok: true, value: { fileId: parsed.value.fileId } } : parsed;
  },
};

const OPTIONAL_FIELD_SCHEMAS: { [K in VisitorFormField]: Schema<NonNullable<VisitInput[K]>> } = {
  idNumber,
  plate,
  companions,
  company,
};

/** A field the site shows: required or optional as it chose. A field it does not show is dropped. */
function shownField<T>(schema: Schema<T>, choice: FieldChoice): Schema<T | undefined> {
  return choice.required ? schema : optional(schema);
}

export type VisitForm = Omit<VisitInput, 'requestId'>;

/**
 * The visitor form of a site, as one schema: the fixed fields, plus the optional ones the site shows (required where
 * it says so). `invite`: the resident inviting is the host, so the form has no 受访人.
 */
export function visitFormSchema(settings: VisitorSettings, options: { invite?: boolean } = {}): Schema<VisitForm> {
  const extra: Record<string, Schema<unknown>> = {};
  for (const field of VISITOR_FORM_FIELDS) {
    const choice = settings.fields[field];
    if (choice.show) extra[field] = shownField(OPTIONAL_FIELD_SCHEMAS[field] as Schema<unknown>, choice);
  }
  const schema = object({
    siteId: documentId('场区'),
    ...(options.invite ? {} : { hostName: personName('受访人姓名'), hostPhone: phone }),
    visitorName: personName('来访人姓名'),
    visitorPhone: phone,
    purpose: visitPurpose,
    startsAt: isoInstant('开始时间'),
    endsAt: isoInstant('结束时间'),
    face: optional(faceInput),
    consentEdition: optional(string({ label: '同意的协议版本', max: 20 })),
    ...extra,
  });
  return schema as unknown as Schema<VisitForm>;
}

const fieldChoice = object({ show: boolean('是否显示'), required: boolean('是否必填') });

/** 访客通行证设置 as the back office sends them (`admin.setVisitorSettings`). */
export const visitorSettingsInput: Schema<VisitorSettings> = {
  parse(value, path = '') {
    const parsed = object({
      residentsMayInvite: boolean('住户邀请访客'),
      adminsApprove: boolean('管理员审核'),
      maxVisitHours: integer({ label: '最长来访时长', min: 1, max: 72 }),
      face: oneOf(['off', 'optional', 'required'] as const, '人脸登记'),
      faceCapture: oneOf(['gate', 'app'] as const, '人脸采集方式'),
      fields: object({
        idNumber: fieldChoice,
        plate: fieldChoice,
        companions: fieldChoice,
        company: fieldChoice,
      }),
    }).parse(value, path);
    if (!parsed.ok) return parsed;
    // a hidden field cannot be required: the form would never let anyone send it
    const fields = Object.fromEntries(
      VISITOR_FORM_FIELDS.map((f) => [
        f,
        { show: parsed.value.fields[f].show, required: parsed.value.fields[f].show && parsed.value.fields[f].required },
      ]),
    ) as VisitorSettings['fields'];
    return { ok: true, value: { ...parsed.value, fields } };
  },
};
