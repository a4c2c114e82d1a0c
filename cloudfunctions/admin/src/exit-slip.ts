import type { AdminExitSlipActions } from '../../../miniprogram/core/api/admin-exit-slip';
import { exitSlipSettingsInput } from '../../../miniprogram/core/exit-slip-rules';
import { exitSlipWords } from '../../../miniprogram/core/settings-words';
import { rejectionReason } from '../../../miniprogram/core/api/residence';
import { boolean, documentId, integer, object, optional } from '../../../miniprogram/core/validate';
import { decideExitSlip, pendingExitSlips } from '../../../server/passes/exit-slips';
import { administeredSite } from '../../../server/people/access';
import type { ActionsOf } from '../../../server/platform/router';
import { changeSettings } from '../../../server/sites/settings-changes';
import { SiteRepository, exitSlipSettings } from '../../../server/sites/site';

const siteId = documentId('场区');

/**
 * 出门条设置 (P9): whether households in arrears may apply, and the form's fields; and 出门条审批: the slips waiting at
 * the site and the decision on one (server/passes/exit-slips.ts). Administrators of that site only.
 */
export const exitSlipActions: ActionsOf<AdminExitSlipActions> = {
  exitSlipSettings: {
    input: object({ siteId }),
    async run(context, input) {
      return { settings: exitSlipSettings(await administeredSite(context, input.siteId)) };
    },
  },

  setExitSlipSettings: {
    mutating: true,
    input: object({ siteId, settings: exitSlipSettingsInput }),
    async run(context, input) {
      const site = await administeredSite(context, input.siteId);
      const facts = {
        siteId: site._id,
        area: 'exitSlip' as const,
        before: exitSlipWords(exitSlipSettings(site)),
        after: exitSlipWords(input.settings),
      };
      await changeSettings(context, facts, async (tx) => {
        const _ = new SiteRepository().command();
        await tx
          .collection('sites')
          .doc(site._id)
          .update({ data: { exitSlipSettings: _.set(input.settings) } });
      });
      return { settings: input.settings };
    },
  },

  exitSlips: {
    input: object({ siteId, page: optional(integer({ label: '页码', min: 1, max: 500 }), 1) }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return pendingExitSlips(input.siteId, input.page ?? 1);
    },
  },

  decideExitSlip: {
    mutating: true,
    input: object({
      siteId,
      slipId: documentId('出门条'),
      approve: boolean('审核结果'),
      reason: optional(rejectionReason),
    }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return decideExitSlip(context, input);
    },
  },
};
