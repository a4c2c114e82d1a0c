/**
 * 出门条 (P9) form rules, shared by the apply page and the `pass` function (which bundles this file): pure TS, no
 * `wx`. Here in the exits subpackage rather than in core/ because every file of core/ counts against the main
 * package, which is at its 300 KB budget; only this subpackage's pages and the function read these rules.
 */
import type {
  ExitSlipApplication,
  ExitSlipFields,
  ExitSlipFormField,
  ExitSlipSettings,
} from '../../core/api/admin-exit-slip';
import { EXIT_SLIP_FORM_FIELD_LABELS, EXIT_SLIP_FORM_FIELDS } from '../../core/api/admin-exit-slip';
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../../core/time';
import { plate } from '../../core/visit-rules';
import { array, documentId, object, optional, string, type Issue, type Parsed, type Schema } from '../../core/validate';

/** A slip may be asked for today or up to this many days ahead. */
export const EXIT_SLIP_DAYS_AHEAD = 30;
/** Photos of the goods a slip may carry. */
export const EXIT_SLIP_MAX_PHOTOS = 3;
/** Slips a household may have waiting at once: a move is a few trips, not a queue. */
export const EXIT_SLIP_PENDING_PER_HOUSE = 3;

/** 物品照片 the page uploaded with wx.cloud.uploadFile under `exitSlips/photos/<the uploader's openid>/`. */
export const EXIT_SLIP_PHOTO_PATTERN =
  /^cloud:\/\/[A-Za-z0-9._-]+\/exitSlips\/photos\/([A-Za-z0-9_-]+)\/[A-Za-z0-9_-]+\.(jpg|jpeg|png)$/;

export function exitSlipPhotoFolder(openid: string): string {
  return `exitSlips/photos/${openid}/`;
}

const FIELD_SCHEMAS: { [K in ExitSlipFormField]: Schema<NonNullable<ExitSlipFields[K]>> } = {
  goods: string({ label: '物品清单', max: 200, multiline: true }),
  photos: array(
    string({ label: '物品照片', max: 200, pattern: EXIT_SLIP_PHOTO_PATTERN, patternMessage: '物品照片无效' }),
    {
      label: '物品照片',
      max: EXIT_SLIP_MAX_PHOTOS,
    },
  ),
  plate,
  carrier: string({ label: '搬运人及电话', max: 40 }),
  company: string({ label: '搬家公司', max: 40 }),
  remark: string({ label: '备注', max: 100, multiline: true }),
};

const dateText = string({
  label: '出门日期',
  max: 10,
  pattern: /^\d{4}-\d{2}-\d{2}$/,
  patternMessage: '请选择出门日期',
});

/** The days a slip may be asked for, seen from `now`: today (Asia/Shanghai) to EXIT_SLIP_DAYS_AHEAD days on. */
export function exitSlipDates(now: Date): { first: string; last: string } {
  return {
    first: shanghaiDate(now),
    last: shanghaiDate(new Date(now.getTime() + EXIT_SLIP_DAYS_AHEAD * 86_400_000)),
  };
}

/** The instants a slip's day starts and ends (Asia/Shanghai midnight to midnight). */
export function exitSlipDay(date: string): { start: Date; end: Date } {
  const start = new Date(new Date(`${date}T00:00:00Z`).getTime() - SHANGHAI_OFFSET_MS);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** `12月5日`: a slip's day as the pages and refusals say it. */
export function exitSlipDayLabel(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日`;
}

const shape = object({
  siteId: documentId('场区'),
  date: dateText,
  ...Object.fromEntries(EXIT_SLIP_FORM_FIELDS.map((f) => [f, optional(FIELD_SCHEMAS[f] as Schema<unknown>)])),
});

/** The application's shape, each field by its rule; a field left empty ('' or []) is left out. */
export const exitSlipApplicationInput: Schema<ExitSlipApplication> = {
  // its fields, for the tests that walk every string of every action (control characters)
  meta: shape.meta,
  parse(value, path = '') {
    const cleaned =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)))
        : value;
    return shape.parse(cleaned, path) as Parsed<ExitSlipApplication>;
  },
};

/**
 * The application as the site's settings allow it: the date from today to EXIT_SLIP_DAYS_AHEAD days on, every
 * required field present, and a field the site hides refused (the page never shows it, so one arriving is not from
 * the form). `input` has passed exitSlipApplicationInput.
 */
export function checkExitSlipApplication(
  input: ExitSlipApplication,
  settings: ExitSlipSettings,
  now: Date,
): Parsed<ExitSlipApplication> {
  const issues: Issue[] = [];
  const { first, last } = exitSlipDates(now);
  if (!exitSlipDayValid(input.date)) issues.push({ path: 'date', message: '请选择出门日期' });
  else if (input.date < first) issues.push({ path: 'date', message: '出门日期不能早于今天' });
  else if (input.date > last) issues.push({ path: 'date', message: `出门日期最多提前${EXIT_SLIP_DAYS_AHEAD}天申请` });
  const out: ExitSlipApplication = { siteId: input.siteId, date: input.date };
  for (const field of EXIT_SLIP_FORM_FIELDS) {
    const choice = settings.fields[field];
    const given = input[field];
    const label = EXIT_SLIP_FORM_FIELD_LABELS[field];
    if (!choice.show) {
      if (given !== undefined) issues.push({ path: field, message: `本小区出门条不填写${label}` });
      continue;
    }
    if (given === undefined) {
      if (choice.required)
        issues.push({ path: field, message: field === 'photos' ? '请上传物品照片' : `请填写${label}` });
      continue;
    }
    (out as unknown as Record<string, unknown>)[field] = given;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

function exitSlipDayValid(date: string): boolean {
  const at = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
}
