/**
 * 选择场区: residents first — 我的小区 (the sites where the person lives, then where they work) above every site,
 * so a resident of two sites switches in one tap. Below, every site, searchable by name, address or pinyin, a
 * page at a time as the list scrolls. Tapping a site makes it the current one and returns to home, which re-reads
 * it. Someone whose current site is not theirs reads what to do next: the property's phone, and that 申请入住
 * comes with the back office.
 */
import { siteSearchBehavior } from '../../behaviors/site-search';
import { SITE_PAGE_SIZE, type SiteSummary } from '../../core/api/site';
import { ROLE_LABELS } from '../../core/roles';
import { currentSite, listMySites, rememberedSite, selectSite } from '../../services/site';
import { definePage } from '../../utils/define-page';
import { ROUTES } from '../../utils/routes';

interface SiteCell {
  id: string;
}

/** A row of 我的小区: the site, and what the person is there (5栋1单元101, or 门岗). */
interface MySiteRow {
  id: string;
  name: string;
  what: string;
}

definePage<{ selecting?: boolean }>()({
  behaviors: [siteSearchBehavior(SITE_PAGE_SIZE.default)],

  data: {
    currentSiteId: '',
    mySites: [] as MySiteRow[],
    /** the current site when the person neither lives nor works there: they are told whom to ask */
    stranger: null as SiteSummary | null,
  },

  methods: {
    onLoad() {
      this.setData({ currentSiteId: rememberedSite()?.id ?? '' });
      void this.search();
      void this.markCurrentSite();
      void this.loadMySites();
    },

    /** The phone's memory marks the current site at once; the function confirms or corrects it. */
    async markCurrentSite() {
      const answer = await currentSite();
      if (!answer.ok) return;
      const { site, roles } = answer.data;
      this.setData({ currentSiteId: site?.id ?? '', stranger: site && roles.length === 0 ? site : null });
    },

    /** 我的小区; when it cannot be read the full list still serves, so a failure only leaves it out. */
    async loadMySites() {
      const answer = await listMySites();
      if (!answer.ok) return;
      const mySites = answer.data.items.map((site) => ({
        id: site.id,
        name: site.name,
        what: site.houses.length ? site.houses.join('、') : site.roles.map((role) => ROLE_LABELS[role]).join('、'),
      }));
      this.setData({ mySites });
    },

    /** 联系物业: the property's phone, from the stranger's notice */
    /** 申请入住 (X1): the way in for someone who is not yet a resident of the site */
    openApply() {
      wx.navigateTo({ url: ROUTES.applyResidence });
    },

    callProperty() {
      const phone = this.data.stranger?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone.replace(/\s/g, ''), fail: () => undefined });
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
