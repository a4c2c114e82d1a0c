import { RECORD_RETENTION_DAYS } from '../../miniprogram/core/retention-rules';
import { database } from '../platform/cloud';
import type { Site } from '../sites/site';

/** How many sites are read at a time: a property's environment holds hundreds, not millions. */
const SITES_PAGE = 100;

/**
 * Retention of access records (X7): each site's records older than its `recordRetentionDays` (180 by default, the
 * 隐私政策's promise) are removed by the `admin` function's daily `purge` timer. One indexed remove per site (the
 * `site_at` index: the site, then a range on the time). Records of a site that is gone keep nothing to protect
 * and stay until someone removes the site's data. Answers the records removed per site, for the timer's log.
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
    }
    if (sites.length < SITES_PAGE) break;
  }
  return removed;
}
