/**
 * 物业管理: the back office's home for the administrators of the current site — the site's name, then its screens
 * grouped as utils/entries.ts lists them. Anyone else who reaches it (an old link, a role just revoked) reads why
 * and has a way back.
 */
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { BACK_OFFICE } from '../../utils/entries';

definePage<object>()({
  behaviors: [adminSiteBehavior],

  data: {
    groups: BACK_OFFICE,
  },

  methods: {
    onShow() {
      void this.openAdminSite();
    },

    /** an entry, its url in `data-url` */
    openEntry(event: WechatMiniprogram.CustomEvent<object, object, { url: string }>) {
      wx.navigateTo({ url: event.currentTarget.dataset.url });
    },
  },
});
