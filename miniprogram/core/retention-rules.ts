import type { RetentionSettings } from './api/admin-retention';
import { integer, object, type Schema } from './validate';

/**
 * 数据保存期限 (X7): how long a site keeps what it collects. The back office's screen and the `admin` function check a
 * change with these same rules.
 */

/**
 * Access records: the 隐私政策 promises 180 days unless the property sets another period; no less than 30 days (a
 * property answers for a week's incidents a month later), no more than ten years.
 */
export const RECORD_RETENTION_DAYS = { default: 180, min: 30, max: 3650 } as const;

/**
 * A visitor's sealed ID number and face photo, counted from the visit's end: 30 days unless the property sets another
 * period — at least a day (the photo may be needed at the gate on the day), at most 180 (a visitor's data is kept no
 * longer than what is needed to answer for the visit).
 */
export const VISITOR_DATA_RETENTION_DAYS = { default: 30, min: 1, max: 180 } as const;

export const recordRetentionDays = integer({
  label: '出入记录保存天数',
  min: RECORD_RETENTION_DAYS.min,
  max: RECORD_RETENTION_DAYS.max,
});

export const visitorDataRetentionDays = integer({
  label: '访客资料保存天数',
  min: VISITOR_DATA_RETENTION_DAYS.min,
  max: VISITOR_DATA_RETENTION_DAYS.max,
});

/** 数据保存期限 as the screen sends them (`admin.setRetention`): both periods, each with its own rule. */
export const retentionSettingsInput: Schema<RetentionSettings> = object({
  accessRecordsDays: recordRetentionDays,
  visitorDataDays: visitorDataRetentionDays,
});

/** A site's periods with the defaults filled in (a site stores only what its administrator set). */
export function retentionSettingsOf(stored: {
  recordRetentionDays?: number;
  visitorDataRetentionDays?: number;
}): RetentionSettings {
  return {
    accessRecordsDays: stored.recordRetentionDays ?? RECORD_RETENTION_DAYS.default,
    visitorDataDays: stored.visitorDataRetentionDays ?? VISITOR_DATA_RETENTION_DAYS.default,
  };
}
