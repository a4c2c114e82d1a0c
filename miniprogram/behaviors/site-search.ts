/**
 * The site search of the site list page and the bind form's site picker: `site.list` by name, address or pinyin,
 * searched once typing pauses, with only the newest search's answers painted. `loadMore` appends the next page
 * (the list page does, as it scrolls; the picker shows one page of the largest size).
 */
import { SITE_KEYWORD_MAX, type SiteSummary } from '../core/api/site';
import { listSites } from '../services/site';
import { NewestAnswer } from '../utils/newest-answer';

/** Typing pauses this long before the list is searched: one request per word, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 300;

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

/** idle: not searched yet · loading: the first page · ready · empty: nothing matches · failed: the first page failed */
export type SearchStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'failed';
/** the next page at the bottom of a ready list */
type MoreStatus = 'idle' | 'loading' | 'failed';

interface SiteSearchData {
  keyword: string;
  keywordMax: number;
  status: SearchStatus;
  failure: string;
  sites: SiteSummary[];
  page: number;
  hasMore: boolean;
  more: MoreStatus;
}

type SiteSearchMethods = {
  onKeywordChange(event: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onKeywordSubmit(): void;
  cancelPendingSearch(): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
};

interface SiteSearchFields {
  searchTimer?: number;
  searches?: NewestAnswer;
}

export function siteSearchBehavior(pageSize: number) {
  const data: SiteSearchData = {
    keyword: '',
    keywordMax: SITE_KEYWORD_MAX,
    status: 'loading',
    failure: '',
    sites: [],
    page: 0,
    hasMore: false,
    more: 'idle',
  };
  return Behavior<SiteSearchData, NoProperties, SiteSearchMethods, [], SiteSearchFields>({
    data,
    lifetimes: {
      detached() {
        this.cancelPendingSearch();
      },
    },
    methods: {
      onKeywordChange(event) {
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
        this.setData({ status: 'loading', sites: [], page: 0, hasMore: false, more: 'idle' });
        this.searches ??= new NewestAnswer();
        const keyword = this.data.keyword.trim() || undefined;
        const answer = await this.searches.ask(() => listSites({ keyword, page: 1, pageSize }));
        if (!answer) return;
        if (!answer.ok) {
          this.setData({ status: 'failed', failure: answer.message });
          return;
        }
        const { items, page, hasMore } = answer.data;
        this.setData({ status: items.length > 0 ? 'ready' : 'empty', sites: items, page, hasMore });
      },

      async loadMore() {
        this.setData({ more: 'loading' });
        this.searches ??= new NewestAnswer();
        const keyword = this.data.keyword.trim() || undefined;
        const page = this.data.page + 1;
        // a new search meanwhile makes this page part of an old list: it is dropped
        const answer = await this.searches.follow(() => listSites({ keyword, page, pageSize }));
        if (!answer) return;
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
    },
  });
}
