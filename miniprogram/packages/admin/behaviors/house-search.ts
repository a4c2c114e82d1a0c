/**
 * The house picker of 房屋与住户 and 限制出入设置: the site's houses searched by number as the administrator types
 * (3-2-301, 3栋2单元), once typing pauses, only the newest search painted, the next page at the list's end. The
 * page sets `searchSiteId` once it knows the site.
 */
import { houseLabelPrefix } from '../../../core/house-search';
import { searchHouses } from '../services/houses';
import { NewestAnswer } from '../../../utils/newest-answer';
import { houseLine, type HouseLine } from '../utils/houses';

const SEARCH_DEBOUNCE_MS = 300;

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

/** loading · ready · empty: nothing matches · failed */
export type HouseSearchStatus = 'loading' | 'ready' | 'empty' | 'failed';

interface HouseSearchData {
  keyword: string;
  /** what the search box is understood as (3栋2单元), shown under it, or why it is not a house number */
  keywordHint: string;
  searchStatus: HouseSearchStatus;
  searchFailure: string;
  found: HouseLine[];
  foundPage: number;
  foundHasMore: boolean;
  foundMore: 'idle' | 'loading' | 'failed';
}

type HouseSearchMethods = {
  onKeywordChange(event: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onKeywordSubmit(): void;
  cancelPendingSearch(): void;
  searchHouses(): Promise<void>;
  loadMoreHouses(): Promise<void>;
};

interface HouseSearchFields {
  searchSiteId?: string;
  searchTimer?: number;
  searches?: NewestAnswer;
}

export const houseSearchBehavior = Behavior<HouseSearchData, NoProperties, HouseSearchMethods, [], HouseSearchFields>({
  data: {
    keyword: '',
    keywordHint: '',
    searchStatus: 'loading',
    searchFailure: '',
    found: [],
    foundPage: 0,
    foundHasMore: false,
    foundMore: 'idle',
  },
  lifetimes: {
    detached() {
      this.cancelPendingSearch();
    },
  },
  methods: {
    onKeywordChange(event) {
      const keyword = event.detail.value;
      const prefix = houseLabelPrefix(keyword);
      const keywordHint =
        prefix === undefined ? '请按“楼栋-单元-房号”输入，如 3-2-301' : prefix ? `查找 ${prefix}…` : '';
      this.setData({ keyword, keywordHint });
      this.cancelPendingSearch();
      if (prefix !== undefined) this.searchTimer = setTimeout(() => void this.searchHouses(), SEARCH_DEBOUNCE_MS);
    },

    onKeywordSubmit() {
      this.cancelPendingSearch();
      if (houseLabelPrefix(this.data.keyword) !== undefined) void this.searchHouses();
    },

    cancelPendingSearch() {
      if (this.searchTimer !== undefined) clearTimeout(this.searchTimer);
      this.searchTimer = undefined;
    },

    async searchHouses() {
      const siteId = this.searchSiteId;
      if (!siteId) return;
      this.setData({ searchStatus: 'loading', found: [], foundPage: 0, foundHasMore: false, foundMore: 'idle' });
      this.searches ??= new NewestAnswer();
      const query = this.data.keyword.trim();
      const answer = await this.searches.ask(() => searchHouses(siteId, { query, page: 1 }));
      if (!answer) return;
      if (!answer.ok) {
        this.setData({ searchStatus: 'failed', searchFailure: answer.message });
        return;
      }
      const { houses, page, hasMore } = answer.data;
      this.setData({
        searchStatus: houses.length > 0 ? 'ready' : 'empty',
        found: houses.map(houseLine),
        foundPage: page,
        foundHasMore: hasMore,
      });
    },

    async loadMoreHouses() {
      const siteId = this.searchSiteId;
      if (!siteId || !this.data.foundHasMore || this.data.foundMore === 'loading') return;
      this.setData({ foundMore: 'loading' });
      this.searches ??= new NewestAnswer();
      const query = this.data.keyword.trim();
      const page = this.data.foundPage + 1;
      const answer = await this.searches.follow(() => searchHouses(siteId, { query, page }));
      if (!answer) return;
      if (!answer.ok) {
        this.setData({ foundMore: 'failed' });
        return;
      }
      const known = new Set(this.data.found.map((house) => house.id));
      this.setData({
        found: [...this.data.found, ...answer.data.houses.filter((h) => !known.has(h.id)).map(houseLine)],
        foundPage: answer.data.page,
        foundHasMore: answer.data.hasMore,
        foundMore: 'idle',
      });
    },
  },
});
