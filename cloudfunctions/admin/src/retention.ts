import type { AdminRetentionActions } from '../../../miniprogram/core/api/admin-retention';
import { RECORD_RETENTION_DAYS, recordRetentionDays } from '../../../miniprogram/core/retention-rules';
import { documentId, object } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import type { ActionsOf } from '../../../server/platform/router';
import { changeSettings } from '../../../server/sites/settings-changes';

const siteId = documentId('场区');
/** the period in 最近修改's words */
const days = (n: number) => ({ 出入记录保存: `${n}天` });

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
      const site = await administeredSite(context, input.siteId);
      const facts = {
        siteId: site._id,
        area: 'retention' as const,
        before: days(site.recordRetentionDays ?? RECORD_RETENTION_DAYS.default),
        after: days(input.accessRecordsDays),
      };
      await changeSettings(context, facts, async (tx) => {
        await tx
          .collection('sites')
          .doc(site._id)
          .update({ data: { recordRetentionDays: input.accessRecordsDays } });
      });
      return { accessRecordsDays: input.accessRecordsDays };
    },
  },
};
