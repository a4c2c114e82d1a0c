import { integer } from './validate';

/**
 * How long a site keeps its access records (X7): the 隐私政策 promises 180 days unless the property sets another
 * period; no less than 30 days (a property answers for a week's incidents a month later), no more than ten years.
 */
export const RECORD_RETENTION_DAYS = { default: 180, min: 30, max: 3650 } as const;

export const recordRetentionDays = integer({
  label: '出入记录保存天数',
  min: RECORD_RETENTION_DAYS.min,
  max: RECORD_RETENTION_DAYS.max,
});
