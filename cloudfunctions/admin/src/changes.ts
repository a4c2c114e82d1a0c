import {
  SETTINGS_AREA_WORDS,
  type AdminChangesActions,
  type SettingsArea,
} from '../../../miniprogram/core/api/admin-changes';
import { documentId, integer, object, oneOf, optional } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import type { ActionsOf } from '../../../server/platform/router';
import { SettingsChanges, settingsChangeView } from '../../../server/sites/settings-changes';

const AREAS = Object.keys(SETTINGS_AREA_WORDS) as [SettingsArea, ...SettingsArea[]];

/** 最近修改: who changed which setting of the site, and when, newest first. */
export const changesActions: ActionsOf<AdminChangesActions> = {
  settingsChanges: {
    input: object({
      siteId: documentId('场区'),
      area: optional(oneOf(AREAS, '设置类别')),
      page: optional(integer({ label: '页码', min: 1, max: 1000 }), 1),
    }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const page = input.page ?? 1;
      const { changes, hasMore } = await new SettingsChanges().page(input.siteId, input.area, page);
      return { changes: changes.map(settingsChangeView), page, hasMore };
    },
  },
};
