import { rejectionReason, type AdminResidenceActions } from '../../../miniprogram/core/api/residence';
import { boolean, documentId, integer, object, optional } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import { decideApplication, pendingApplications } from '../../../server/people/residence-applications';
import type { ActionsOf } from '../../../server/platform/router';

const siteId = documentId('场区');

/** 入住申请 (X1): the applications waiting at the site, and the decision on one. Administrators of that site only. */
export const applicationsActions: ActionsOf<AdminResidenceActions> = {
  residenceApplications: {
    input: object({ siteId, page: optional(integer({ label: '页码', min: 1, max: 500 }), 1) }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return pendingApplications(input.siteId, input.page ?? 1);
    },
  },

  decideResidenceApplication: {
    mutating: true,
    input: object({
      siteId,
      applicationId: documentId('申请'),
      approve: boolean('审核结果'),
      reason: optional(rejectionReason),
    }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return decideApplication(context, input);
    },
  },
};
