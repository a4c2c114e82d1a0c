import { RECORD_RETENTION_DAYS } from '../../miniprogram/core/retention-rules';
import { database, deleteStoredFile } from '../platform/cloud';
import type { Site } from '../sites/site';

/** How many sites are read at a time: a property's environment holds hundreds, not millions. */
const SITES_PAGE = 100;

/**
 * Retention of access records (X7): each site's records older than its `recordRetentionDays` (180 by default, the
 * 隐私政策's promise) are removed by the `admin` function's daily `purge` timer. One indexed remove per site (the
 * `site_at` index: the site, then a range on the time). Records of a site that is gone keep nothing to protect
 * and stay until someone removes the site's data. The site's audit log (审计日志) goes on the same schedule. Answers
 * the records removed per site, for the timer's log.
 */
export async function purgeOldRecords(now: Date): Promise<Record<string, number>> {
  const db = database();
  const _ = db.command;
  const removed: Record<string, number> = {};
  for (let skip = 0; ; skip += SITES_PAGE) {
    const { data: sites } = await db
      .collection('sites')
      .field({ _id: true, recordRetentionDays: true })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(SITES_PAGE)
      .get<Pick<Site, '_id' | 'recordRetentionDays'>>();
    for (const site of sites) {
      const days = site.recordRetentionDays ?? RECORD_RETENTION_DAYS.default;
      const before = new Date(now.getTime() - days * 86_400_000);
      const { stats } = await db
        .collection('accessRecords')
        .where({ siteId: site._id, at: _.lt(before) })
        .remove();
      if (stats.removed > 0) removed[site._id] = stats.removed;
      // who read the records (审计日志, P11) is kept as long as the records themselves
      await db
        .collection('auditLog')
        .where({ siteId: site._id, at: _.lt(before) })
        .remove();
    }
    if (sites.length < SITES_PAGE) break;
  }
  return removed;
}

/** How long an export's file (导出, X6) stays in storage: its link lives 10 minutes; a day covers a slow download. */
export const EXPORT_FILE_HOURS = 24;

/**
 * Export files older than EXPORT_FILE_HOURS are deleted from storage by the daily `purge`: the audit entry of each
 * export names its file until then (`fileId`), and loses the name once the file is gone. Answers how many went.
 */
export async function purgeExportFiles(now: Date): Promise<number> {
  const db = database();
  const _ = db.command;
  const before = new Date(now.getTime() - EXPORT_FILE_HOURS * 3600_000);
  let deleted = 0;
  for (;;) {
    let gone = 0;
    const { data } = await db
      .collection('auditLog')
      .where({ fileId: _.exists(true), at: _.lt(before) })
      .field({ _id: true, fileId: true })
      .limit(SITES_PAGE)
      .get<{ _id: string; fileId: string }>();
    for (const entry of data) {
      if (!(await deleteStoredFile(entry.fileId))) continue;
      await db
        .collection('auditLog')
        .doc(entry._id)
        .update({ data: { fileId: _.remove() } });
      gone += 1;
    }
    deleted += gone;
    // a file storage would not delete stays named, and is tried again tomorrow
    if (data.length < SITES_PAGE || gone === 0) break;
  }
  return deleted;
}
