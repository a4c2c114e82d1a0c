import type { AdminHousesActions } from '../../../miniprogram/core/api/admin-houses';
import { houseLabelPrefix } from '../../../miniprogram/core/house-search';
import { boolean, documentId, integer, object, optional, string } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import { removeResident, residentsOf } from '../../../server/people/residents';
import { AppError } from '../../../server/platform/errors';
import type { ActionsOf } from '../../../server/platform/router';
import { HouseRepository, houseView } from '../../../server/sites/house';
import { importHouses, planHouseImport } from '../../../server/sites/house-import';

const siteId = documentId('场区');
const houseId = documentId('房屋');
// 10,000 lines of `12,3,1201,否` and a header fit comfortably
const csv = string({ label: '房屋清单', max: 400_000, trim: false, multiline: true });

/**
 * 房屋与住户 (X1): the site's houses — imported from the property's register as CSV, searched, their arrears set —
 * and their residents. Every action needs the administrator role at that site.
 */
export const housesActions: ActionsOf<AdminHousesActions> = {
  previewHouseImport: {
    input: object({ siteId, csv }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const { plan: _plan, ...summary } = await planHouseImport(input.siteId, input.csv, context.now);
      return summary;
    },
  },

  importHouses: {
    mutating: true,
    input: object({ siteId, csv }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return importHouses(input.siteId, input.csv, context.now);
    },
  },

  houses: {
    input: object({
      siteId,
      query: optional(string({ label: '房号', min: 0, max: 30 }), ''),
      restricted: optional(boolean('只看限制出入'), false),
      page: optional(integer({ label: '页码', min: 1, max: 500 }), 1),
    }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const houses = new HouseRepository();
      const page = input.page ?? 1;
      if (input.restricted) {
        const found = await houses.restricted(input.siteId, page);
        return { houses: found.houses.map(houseView), page, hasMore: found.hasMore };
      }
      const prefix = houseLabelPrefix(input.query ?? '');
      if (prefix === undefined) throw new AppError('INVALID_ARGUMENT', '请按“楼栋-单元-房号”输入，如 3-2-301');
      const found = await houses.search(input.siteId, prefix, page);
      return { houses: found.houses.map(houseView), page, hasMore: found.hasMore };
    },
  },

  houseResidents: {
    input: object({ siteId, houseId }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const house = await new HouseRepository().ofSite(input.siteId, input.houseId);
      return { house: houseView(house), residents: await residentsOf(input.siteId, house._id) };
    },
  },

  setArrears: {
    mutating: true,
    input: object({ siteId, houseId, arrears: boolean('欠费') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return { house: houseView(await new HouseRepository().setArrears(input.siteId, input.houseId, input.arrears)) };
    },
  },

  removeResident: {
    mutating: true,
    input: object({ siteId, houseId, membershipId: documentId('住户') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await removeResident(input.siteId, input.houseId, input.membershipId, context.now);
      return { membershipId: input.membershipId };
    },
  },
};
