import type { AdminActions } from '../../../miniprogram/core/api/admin';
import { purgeExpired } from '../../../server/platform/purge';
import { createFunction } from '../../../server/platform/router';
import { settingsActions } from './settings';

/**
 * 物业管理: the `admin` function for a site's administrators (the 微小区 back office). Its actions are grouped by
 * the back office's areas, one file each; every action needs the administrator role at the site it names.
 */
export const main = createFunction<AdminActions>(
  'admin',
  { ...settingsActions },
  {
    // daily at 04:00 (config.json): expired counters, codes and stored answers go (server/platform/purge.ts)
    timers: { purge: { run: ({ now }) => purgeExpired(now) } },
  },
);
