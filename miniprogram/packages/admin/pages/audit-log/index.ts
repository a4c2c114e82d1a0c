/**
 * 审计日志 (P11, X6): every read of the current site's access records by an observer, and every export (an
 * administrator's too), newest first, 50 a page: who, what, the filters, how many records, when.
 */
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { auditLog } from '../../services/observers';
import { auditRow, type AuditRow } from '../../utils/audit-rows';

type Status = 'loading' | 'ready' | 'failed';

interface Fields {
  siteId?: string;
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    entries: [] as AuditRow[],
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

    async load() {
      if (!this.siteId) return;
      this.setData({ status: 'loading' });
      const answer = await auditLog(this.siteId, 1);
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.setData({
        status: 'ready',
        entries: answer.data.entries.map(auditRow),
        page: 1,
        hasMore: answer.data.hasMore,
      });
    },

    async loadMore() {
      if (!this.siteId || this.data.loadingMore || !this.data.hasMore) return;
      this.setData({ loadingMore: true });
      const next = this.data.page + 1;
      const answer = await auditLog(this.siteId, next);
      this.setData({ loadingMore: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      this.setData({
        entries: [...this.data.entries, ...answer.data.entries.map(auditRow)],
        page: next,
        hasMore: answer.data.hasMore,
      });
    },

    onReachBottom() {
      void this.loadMore();
    },
  },
});
