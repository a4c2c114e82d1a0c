import type { AdminPassesActions } from '../../../miniprogram/core/api/admin-passes';
import { documentId, integer, object, oneOf, optional } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import { activePasses, restorePass, revokePass } from '../../../server/passes/active-passes';
import type { ActionsOf } from '../../../server/platform/router';

const siteId = documentId('场区');
const kind = oneOf(['resident', 'visitor'] as const, '通行证类型');

/** 有效通行证 (X4): the passes in force at the site, 收回 and its lifting (server/passes/active-passes.ts). */
export const passesActions: ActionsOf<AdminPassesActions> = {
  activePasses: {
    input: object({ siteId, kind, page: optional(integer({ label: '页码', min: 1, max: 1000 }), 1) }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return activePasses(input.siteId, input.kind, input.page ?? 1, context.now);
    },
  },

  revokePass: {
    mutating: true,
    input: object({ siteId, kind, id: documentId('通行证') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await revokePass(input.siteId, input.kind, input.id, (await context.user())._id, context.now);
      return { revoked: true as const };
    },
  },

  restorePass: {
    mutating: true,
    input: object({ siteId, id: documentId('通行证') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await restorePass(input.siteId, input.id);
      return { restored: true as const };
    },
  },
};
