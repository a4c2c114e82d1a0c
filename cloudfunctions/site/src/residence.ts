import { applicantName, residenceRelation, type SiteResidenceActions } from '../../../miniprogram/core/api/residence';
import { houseLabelPrefix } from '../../../miniprogram/core/house-search';
import { documentId, integer, object, optional, string } from '../../../miniprogram/core/validate';
import { AppError } from '../../../server/platform/errors';
import type { ActionsOf } from '../../../server/platform/router';
import { applyForResidence, myApplication } from '../../../server/people/residence-applications';
import { HouseRepository } from '../../../server/sites/house';
import { SiteRepository } from '../../../server/sites/site';

const siteId = documentId('场区');

/**
 * 申请入住 (X1) for the person applying: the houses of the site to pick from (their numbers only — who lives where
 * is not for an applicant to read), the application, and where it stands.
 */
export const residenceActions: ActionsOf<SiteResidenceActions> = {
  residenceHouses: {
    input: object({
      siteId,
      query: optional(string({ label: '房号', min: 0, max: 30 }), ''),
      page: optional(integer({ label: '页码', min: 1, max: 500 }), 1),
    }),
    async run(_context, input) {
      if (!(await new SiteRepository().get(input.siteId))) throw new AppError('NOT_FOUND', '该场区不存在');
      const prefix = houseLabelPrefix(input.query ?? '');
      if (prefix === undefined) throw new AppError('INVALID_ARGUMENT', '请按“楼栋-单元-房号”输入，如 3-2-301');
      const page = input.page ?? 1;
      const found = await new HouseRepository().search(input.siteId, prefix, page);
      return { houses: found.houses.map((h) => ({ id: h._id, label: h.label })), page, hasMore: found.hasMore };
    },
  },

  applyResidence: {
    mutating: true,
    input: object({ siteId, houseId: documentId('房屋'), name: applicantName, relation: residenceRelation }),
    run: applyForResidence,
  },

  myResidenceApplication: {
    input: object({ siteId }),
    async run(context, input) {
      return myApplication(context, input.siteId);
    },
  },
};
