/**
 * 选择场区: every site, searchable by name, address or pinyin, a page at a time as the list scrolls. Tapping a
 * site makes it the current one and returns to home, which re-reads it.
 */
import { SITE_KEYWORD_MAX, SITE_PAGE_SIZE, type SiteSummary } from '../../core/api/site';
import { currentSite, listSites, rememberedSite, selectSite } from '../../services/site';
import { definePage } from '../../utils/define-page';
import { ROUTES } from '../../utils/routes';

/** Typing pauses this long before the list is searched: one request per word, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 300;

/** loading: the first page of this search · ready · empty: nothing matches · failed: the first page failed */
type ListStatus = 'loading' | 'ready' | 'empty' | 'failed';
/** the next page at the bottom of a ready list */
type MoreStatus = 'idle' | 'loading' | 'failed';

interface SiteCell {
  id: string;
}

interface Fields {
  searchTimer?: number;
  /** bumps with every new search: answers of an older one are dropped */
  searchSeq?: number;
  selecting?: boolean;
}

definePage<Fields>()({
  data: {
    keyword: '',
    keywordMax: SITE_KEYWORD_MAX,
    status: 'loading' as ListStatus,
    failure: '',
    sites: [] as SiteSummary[],
    page: 0,
    hasMore: false,
    more: 'idle' as MoreStatus,
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

    onKeywordChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: event.detail.value });
      this.cancelPendingSearch();
      this.searchTimer = setTimeout(() => void this.search(), SEARCH_DEBOUNCE_MS);
    },

    onKeywordSubmit() {
      this.cancelPendingSearch();
      void this.search();
    },

    cancelPendingSearch() {
      if (this.searchTimer !== undefined) clearTimeout(this.searchTimer);
      this.searchTimer = undefined;
    },

    async search() {
      this.searchSeq = (this.searchSeq ?? 0) + 1;
      const seq = this.searchSeq;
      this.setData({ status: 'loading', sites: [], page: 0, hasMore: false, more: 'idle' });
      const answer = await listSites({ keyword: this.keywordToSend(), page: 1, pageSize: SITE_PAGE_SIZE.default });
      if (seq !== this.searchSeq) return;
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const { items, page, hasMore } = answer.data;
      this.setData({ status: items.length > 0 ? 'ready' : 'empty', sites: items, page, hasMore });
    },

    async loadMore() {
      const seq = this.searchSeq;
      this.setData({ more: 'loading' });
      const answer = await listSites({
        keyword: this.keywordToSend(),
        page: this.data.page + 1,
        pageSize: SITE_PAGE_SIZE.default,
      });
      if (seq !== this.searchSeq) return;
      if (!answer.ok) {
        this.setData({ more: 'failed' });
        return;
      }
      // a site added meanwhile shifts the pages by one: keep each site once
      const known = new Set(this.data.sites.map((site) => site.id));
      const fresh = answer.data.items.filter((site) => !known.has(site.id));
      this.setData({
        sites: [...this.data.sites, ...fresh],
        page: answer.data.page,
        hasMore: answer.data.hasMore,
        more: 'idle',
      });
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

    keywordToSend(): string | undefined {
      return this.data.keyword.trim() || undefined;
    },

    goHome() {
      // opened from a share or a scan, the list is the first page and there is nothing to go back to
      wx.navigateBack({ fail: () => wx.switchTab({ url: ROUTES.home }) });
    },
  },
});
