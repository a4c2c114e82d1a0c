import type { AdminActions } from '../../../miniprogram/core/api/admin';
import { purgeExportFiles, purgeOldRecords } from '../../../server/passes/records-retention';
import { purgeExpired } from '../../../server/platform/purge';
import { createFunction } from '../../../server/platform/router';
import { changesActions } from './changes';
import { exitSlipActions } from './exit-slip';
import { applicationsActions } from './applications';
import { housesActions } from './houses';
import { observersActions } from './observers';
import { retentionActions } from './retention';
import { passesActions } from './passes';
import { settingsActions } from './settings';
import { specialPassesActions } from './special-passes';
import { staffActions } from './staff';

/**
 * 物业管理: the `admin` function for a site's administrators (the 微小区 back office). Its actions are grouped by
 * the back office's areas, one file each; every action needs the administrator role at the site it names,
 * except `records` and `exportRecords`, which the site's observers (P11) may call too.
 */
export const main = createFunction<AdminActions>(
  'admin',
  {
    ...settingsActions,
    ...retentionActions,
    ...exitSlipActions,
    ...changesActions,
    ...housesActions,
    ...applicationsActions,
    ...staffActions,
    ...passesActions,
    ...observersActions,
    ...specialPassesActions,
  },
  {
    // daily at 04:00 (config.json): expired counters, codes and stored answers go (server/platform/purge.ts), and
    // each site's access records and audit log past its retention, and export files a day old
    // (server/passes/records-retention.ts)
    timers: {
      purge: {
        run: async ({ now }) => ({
          expired: await purgeExpired(now),
          records: await purgeOldRecords(now),
          exportFiles: await purgeExportFiles(now),
        }),
      },
    },
  },
);
