import type { AdminRetentionActions } from '../../../miniprogram/core/api/admin-retention';
import { RECORD_RETENTION_DAYS, recordRetentionDays } from '../../../miniprogram/core/retention-rules';
import { documentId, object } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import type { ActionsOf } from '../../../server/platform/router';
import { SiteRepository } from '../../../server/sites/site';

const siteId = documentId('场区');

/** 数据保存期限 (X7): how long the site keeps its access records; the `purge` timer enforces it. */
export const retentionActions: ActionsOf<AdminRetentionActions> = {
  retention: {
    input: object({ siteId }),
    async run(context, input) {
      const site = await administeredSite(context, input.siteId);
      return { accessRecordsDays: site.recordRetentionDays ?? RECORD_RETENTION_DAYS.default };
    },
  },

  setRetention: {
    mutating: true,
    input: object({ siteId, accessRecordsDays: recordRetentionDays }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await new SiteRepository().update(input.siteId, { recordRetentionDays: input.accessRecordsDays });
      return { accessRecordsDays: input.accessRecordsDays };
    },
  },
};
