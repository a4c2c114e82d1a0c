/**
 * 选择车场 for the bind form: a sheet over the form listing sites from `site.list`, searchable as on the site list
 * page, that only reports the site tapped (`pick`, detail `{ site }`) — binding a card elsewhere does not change
 * the person's current site. The sheet shows one page of the largest size; a keyword finds the rest.
 */
import { SITE_KEYWORD_MAX, SITE_PAGE_SIZE, type SiteSummary } from '../../../../core/api/site';
import { listSites } from '../../../../services/site';

const SEARCH_DEBOUNCE_MS = 300;

/** idle: not opened yet · loading · ready · empty: nothing matches · failed */
type PickerStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'failed';

interface Fields {
  searchTimer?: number;
  /** bumps with every search: answers of an older one are dropped */
  searchSeq?: number;
}

type Options<
  TData extends WechatMiniprogram.Component.DataOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
> = WechatMiniprogram.Component.Options<TData, typeof properties, TMethod, [], Fields>;

const properties = {
  visible: { type: Boolean, value: false },
  /** the site chosen now, marked 已选 */
  chosenId: { type: String, value: '' },
};

/** Component(), with `this` also typed with `Fields` (as utils/define-page.ts does for pages). */
function defineComponent<
  TData extends WechatMiniprogram.Component.DataOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
>(options: Options<TData, TMethod>): string {
  return Component(options);
}

defineComponent({
  properties,

  data: {
    keyword: '',
    keywordMax: SITE_KEYWORD_MAX,
    status: 'idle' as PickerStatus,
    failure: '',
    sites: [] as SiteSummary[],
    hasMore: false,
  },

  observers: {
    visible(visible: boolean) {
      // the first opening loads; a failed load is tried again on the next
      if (visible && (this.data.status === 'idle' || this.data.status === 'failed')) void this.search();
    },
  },

  lifetimes: {
    detached() {
      this.cancelPendingSearch();
    },
  },

  methods: {
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
      this.setData({ status: 'loading' });
      const keyword = this.data.keyword.trim() || undefined;
      const answer = await listSites({ keyword, page: 1, pageSize: SITE_PAGE_SIZE.max });
      if (seq !== this.searchSeq) return;
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const { items, hasMore } = answer.data;
      this.setData({ status: items.length > 0 ? 'ready' : 'empty', sites: items, hasMore });
    },

    /** t-cell's `click`, with the site's index in `data-index` */
    onSiteTap(event: WechatMiniprogram.CustomEvent<object, object, { index: number }>) {
      const site = this.data.sites[event.currentTarget.dataset.index];
      if (site) this.triggerEvent('pick', { site });
    },

    /** the sheet's close button, or a tap on the overlay */
    onVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.close();
    },

    close() {
      this.triggerEvent('close');
    },
  },
});
