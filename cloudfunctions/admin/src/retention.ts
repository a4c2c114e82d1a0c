import type { AdminRetentionActions } from '../../../miniprogram/core/api/admin-retention';
import {
  recordRetentionDays,
  retentionSettingsOf,
  visitorDataRetentionDays,
} from '../../../miniprogram/core/retention-rules';
import { retentionWords } from '../../../miniprogram/core/settings-words';
import { documentId, object } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import type { ActionsOf } from '../../../server/platform/router';
import { changeSettings } from '../../../server/sites/settings-changes';

const siteId = documentId('场区');

/**
 * 数据保存期限 (X7): how long the site keeps its access records (the `purge` timer) and a visitor's ID number and face
 * photo (the visitor function's `retention` timer, through each booking's `retainUntil`).
 */
export const retentionActions: ActionsOf<AdminRetentionActions> = {
  retention: {
    input: object({ siteId }),
    async run(context, input) {
      return retentionSettingsOf(await administeredSite(context, input.siteId));
    },
  },

  setRetention: {
    mutating: true,
    input: object({ siteId, accessRecordsDays: recordRetentionDays, visitorDataDays: visitorDataRetentionDays }),
    async run(context, input) {
      const site = await administeredSite(context, input.siteId);
      const settings = { accessRecordsDays: input.accessRecordsDays, visitorDataDays: input.visitorDataDays };
      const facts = {
        siteId: site._id,
        area: 'retention' as const,
        before: retentionWords(retentionSettingsOf(site)),
        after: retentionWords(settings),
      };
      await changeSettings(context, facts, async (tx) => {
        await tx
          .collection('sites')
          .doc(site._id)
          .update({
            data: {
              recordRetentionDays: settings.accessRecordsDays,
              visitorDataRetentionDays: settings.visitorDataDays,
            },
          });
      });
      return settings;
    },
  },
};
