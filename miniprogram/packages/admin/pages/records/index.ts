/**
 * 出入记录 (P12): the current site's access records, newest first, 50 a page as the `admin` function answers them.
 * The date filter is three chips (今天 / 近7天 / 近30天, from Shanghai midnight to now) rather than a day picker:
 * an administrator looks back at an incident of the last days, and chips are one tap on a phone. The result
 * filter is 全部 / 放行 / 拒绝. Holders are shown as the function answers them (masked, no ID numbers).
 */
import { adminSettings } from '../../services/settings';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import {
  RECORDS_RANGES,
  RECORDS_RESULTS,
  rangeStart,
  recordRow,
  type RecordRow,
  type RecordsRange,
  type RecordsResult,
} from '../../utils/record-rows';

type Status = 'loading' | 'ready' | 'failed';

interface Fields {
  siteId?: string;
  /** bumped by each new filter, so an answer to an older one is dropped */
  query?: number;
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    ranges: RECORDS_RANGES,
    results: RECORDS_RESULTS,
    range: 'week' as RecordsRange,
    result: 'all' as RecordsResult,
    records: [] as RecordRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },

  methods: {
    async onShow() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      await this.load();
    },

    request(page: number) {
      const { range, result } = this.data;
      return adminSettings.query('records', {
        siteId: this.siteId ?? '',
        from: rangeStart(range, Date.now()),
        ...(result === 'all' ? {} : { result }),
        page,
      });
    },

    /** the first page of the chosen filters again */
    async load() {
      if (!this.siteId) return;
      const query = (this.query = (this.query ?? 0) + 1);
      this.setData({ status: 'loading' });
      const answer = await this.request(1);
      if (query !== this.query) return;
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.setData({
        status: 'ready',
        records: answer.data.records.map(recordRow),
        page: 1,
        hasMore: answer.data.hasMore,
      });
    },

    async loadMore() {
      if (!this.siteId || this.data.loadingMore || !this.data.hasMore) return;
      const query = this.query;
      this.setData({ loadingMore: true });
      const next = this.data.page + 1;
      const answer = await this.request(next);
      if (query !== this.query) return;
      this.setData({ loadingMore: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      this.setData({
        records: [...this.data.records, ...answer.data.records.map(recordRow)],
        page: next,
        hasMore: answer.data.hasMore,
      });
    },

    onReachBottom() {
      void this.loadMore();
    },

    /** a date chip, its range in `data-range` */
    async onPickRange(event: WechatMiniprogram.CustomEvent<object, object, { range: RecordsRange }>) {
      const { range } = event.currentTarget.dataset;
      if (range === this.data.range) return;
      this.setData({ range, records: [], loadingMore: false });
      await this.load();
    },

    /** a result chip, its result in `data-result` */
    async onPickResult(event: WechatMiniprogram.CustomEvent<object, object, { result: RecordsResult }>) {
      const { result } = event.currentTarget.dataset;
      if (result === this.data.result) return;
      this.setData({ result, records: [], loadingMore: false });
      await this.load();
    },
  },
});
