/**
 * 审计日志 (P11, X6): every read of the current site's access records by an observer, and every export (an
 * administrator's too), newest first, 50 a page: who, what, the filters, how many records, when.
 */
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { pagedListBehavior } from '../../behaviors/paged-list';
import { auditLog } from '../../services/observers';
import { auditRow, type AuditRow } from '../../utils/audit-rows';

interface Fields {
  siteId?: string;
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior, pagedListBehavior<AuditRow>()],

  methods: {
    async onShow() {
      const site = await this.openAdminSite();
      if (!site) return;
      const siteId = (this.siteId = site.id);
      this.pagedFrom(
        (page) => auditLog(siteId, page),
        (answer) => answer.entries.map(auditRow),
      );
      await this.loadFirst();
    },

    onReachBottom() {
      void this.loadMore();
    },
  },
});
