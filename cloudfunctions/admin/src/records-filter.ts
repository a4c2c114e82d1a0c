import { optional, oneOf, string, type Schema } from '../../../miniprogram/core/validate';

const isoTime: Schema<string> = {
  parse(value, path = '') {
    return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value))
      ? { ok: true, value }
      : { ok: false, issues: [{ path, message: '时间格式不正确' }] };
  },
};

/** The filters of 出入记录 (P12), shared by `records` and `exportRecords`. */
export const recordsFilter = {
  from: optional(isoTime),
  to: optional(isoTime),
  gate: optional(string({ label: '门岗', min: 1, max: 20 })),
  passType: optional(oneOf(['resident', 'special', 'visitor', 'exitSlip'] as const, '通行证类型')),
  result: optional(oneOf(['ok', 'refused'] as const, '结果')),
};
