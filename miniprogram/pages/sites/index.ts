/**
 * 选择场区: every site, searchable by name, address or pinyin, a page at a time as the list scrolls. Tapping a
 * site makes it the current one and returns to home, which re-reads it.
 */
import { siteSearchBehavior } from '../../behaviors/site-search';
import { SITE_PAGE_SIZE } from '../../core/api/site';
import { currentSite, rememberedSite, selectSite } from '../../services/site';
import { definePage } from '../../utils/define-page';
import { ROUTES } from '../../utils/routes';

interface SiteCell {
  id: string;
}

definePage<{ selecting?: boolean }>()({
  behaviors: [siteSearchBehavior(SITE_PAGE_SIZE.default)],

  data: {
    currentSiteId: '',
  },

  methods: {
    onLoad() {
      this.setData({ currentSiteId: rememberedSite()?.id ?? '' });
      void this.search();
      void this.markCurrentSite();
    },

    /** The phone's memory marks the current site at once; the function confirms or corrects it. */
    async markCurrentSite() {
      const answer = await currentSite();
      if (answer.ok) this.setData({ currentSiteId: answer.data.site?.id ?? '' });
    },

    onUnload() {
      this.cancelPendingSearch();
    },

    onReachBottom() {
      if (this.data.status === 'ready' && this.data.hasMore && this.data.more === 'idle') void this.loadMore();
    },

    /** t-cell's `click`, with the site's id in `data-id` */
    async onSiteTap(
      event: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, SiteCell>,
    ) {
      const { id } = event.currentTarget.dataset;
      if (this.selecting) return;
      if (id === this.data.currentSiteId) {
        this.goHome();
        return;
      }
      this.selecting = true;
      wx.showLoading({ title: '正在切换', mask: true });
      const answer = await selectSite(id);
      wx.hideLoading();
      this.selecting = false;
      if (answer.ok) this.goHome();
      else wx.showToast({ title: answer.message, icon: 'none' });
    },

    goHome() {
      // opened from a share or a scan, the list is the first page and there is nothing to go back to
      wx.navigateBack({ fail: () => wx.switchTab({ url: ROUTES.home }) });
    },
  },
});
