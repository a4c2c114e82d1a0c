/**
 * 出入记录 (P12): the current site's access records, newest first, 50 a page as the `admin` function answers them.
 * The date filter is three chips (今天 / 近7天 / 近30天, from Shanghai midnight to now) rather than a day picker:
 * an administrator looks back at an incident of the last days, and chips are one tap on a phone. The result
 * filter is 全部 / 放行 / 拒绝, the pass type 全部 / 住户 / 访客 / 专用 / 出门条, the gate a name typed (东门).
 * Holders are shown as the function answers them (no ID numbers). 导出 (X6) makes a CSV of the same filters and
 * copies its link (wx.openDocument does not open CSV files).
 *
 * Observers (观察员, P11) reach this page from 我的 and read the same list, names masked by the function, with a
 * note that their reads are audited: the page has nothing that writes but the export.
 */
import type { RecordsFilter } from '../../../../core/api/admin-observers';
import { adminSettings } from '../../services/settings';
import { exportRecords } from '../../services/observers';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { pagedListBehavior } from '../../behaviors/paged-list';
import {
  RECORDS_PASS_TYPES,
  RECORDS_RANGES,
  RECORDS_RESULTS,
  rangeStart,
  recordRow,
  type RecordRow,
  type RecordsPassType,
  type RecordsRange,
  type RecordsResult,
} from '../../utils/record-rows';

interface Fields {
  siteId?: string;
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior, pagedListBehavior<RecordRow>()],

  data: {
    ranges: RECORDS_RANGES,
    results: RECORDS_RESULTS,
    passTypes: RECORDS_PASS_TYPES,
    range: 'week' as RecordsRange,
    result: 'all' as RecordsResult,
    passType: 'all' as RecordsPassType,
    gate: '',
    exporting: false,
  },

  methods: {
    async onShow() {
      const site = await this.openAdminSite(true);
      if (!site) return;
      this.siteId = site.id;
      this.pagedFrom(
        (page) => this.request(page),
        (answer) => answer.records.map(recordRow),
      );
      await this.loadFirst();
    },

    /** the chosen filters, as `records` and `exportRecords` take them */
    filter(): RecordsFilter {
      const { range, result, passType } = this.data;
      const gate = this.data.gate.trim();
      return {
        from: rangeStart(range, Date.now()),
        ...(result === 'all' ? {} : { result }),
        ...(passType === 'all' ? {} : { passType }),
        ...(gate ? { gate } : {}),
      };
    },

    request(page: number) {
      return adminSettings.query('records', { siteId: this.siteId ?? '', ...this.filter(), page });
    },

    onReachBottom() {
      void this.loadMore();
    },

    /** a date chip, its range in `data-range` */
    async onPickRange(event: WechatMiniprogram.CustomEvent<object, object, { range: RecordsRange }>) {
      const { range } = event.currentTarget.dataset;
      if (range === this.data.range) return;
      this.setData({ range, rows: [] });
      await this.loadFirst();
    },

    /** a pass type chip, its type in `data-pass-type` */
    async onPickPassType(event: WechatMiniprogram.CustomEvent<object, object, { passType: RecordsPassType }>) {
      const { passType } = event.currentTarget.dataset;
      if (passType === this.data.passType) return;
      this.setData({ passType, rows: [] });
      await this.loadFirst();
    },

    onGateInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ gate: event.detail.value });
    },

    /** the gate typed, searched on 完成 or on leaving the field */
    async onGateDone() {
      this.setData({ rows: [] });
      await this.loadFirst();
    },

    /** 导出 (X6): a CSV of the chosen filters; its link is copied to open in a browser or send on */
    async onExport() {
      if (!this.siteId || this.data.exporting) return;
      this.setData({ exporting: true });
      const answer = await exportRecords(this.siteId, this.filter());
      this.setData({ exporting: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      const { rows, truncated, url } = answer.data;
      const more = truncated ? `（已达单次导出上限 ${rows} 条，请缩小日期范围分次导出）` : '';
      const choice = await wx
        .showModal({
          title: '导出完成',
          content: `共 ${rows} 条记录${more}。链接10分钟内有效，复制后可在浏览器中下载 CSV 文件。`,
          confirmText: '复制链接',
          cancelText: '关闭',
        })
        .catch(() => ({ confirm: false }));
      if (choice.confirm) wx.setClipboardData({ data: url });
    },

    /** a result chip, its result in `data-result` */
    async onPickResult(event: WechatMiniprogram.CustomEvent<object, object, { result: RecordsResult }>) {
      const { result } = event.currentTarget.dataset;
      if (result === this.data.result) return;
      this.setData({ result, rows: [] });
      await this.loadFirst();
    },
  },
});
