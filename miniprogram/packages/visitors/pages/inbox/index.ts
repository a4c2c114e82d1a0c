/**
 * 访客审批: the bookings I may decide (as their host, or as the site's administrator where it says so) — pending
 * first, with how many wait; tap one for its approval page. Read again on every return, after a decision.
 */
import type { Visit } from '../../../../core/api/visitor';
import { visitInbox } from '../../../../services/visitor';
import { definePage } from '../../../../utils/define-page';
import { NewestAnswer } from '../../../../utils/newest-answer';
import { visitApprovalUrl } from '../../../../utils/routes';
import { visitRow, type VisitRow } from '../../utils/visit-view';

type InboxStatus = 'loading' | 'ready' | 'empty' | 'failed';

definePage<{ answers?: NewestAnswer; page?: number; loadingMore?: boolean }>()({
  data: {
    status: 'loading' as InboxStatus,
    visits: [] as VisitRow[],
    pending: 0,
    hasMore: false,
    failure: '',
  },

  methods: {
    onShow() {
      void this.refresh();
    },

    async refresh() {
      if (this.data.status === 'failed') this.setData({ status: 'loading' });
      this.answers ??= new NewestAnswer();
      const answer = await this.answers.ask(() => visitInbox(1));
      if (!answer) return;
      if (answer.ok) {
        this.page = 1;
        this.setData({ pending: answer.data.pending });
        this.show(answer.data.items, answer.data.hasMore, false);
      } else if (this.data.status === 'loading') {
        this.setData({ status: 'failed', failure: answer.message });
      } else {
        wx.showToast({ title: answer.message, icon: 'none' });
      }
    },

    show(items: Visit[], hasMore: boolean, more: boolean) {
      const now = new Date();
      const rows = items.map((visit) => visitRow(visit, now));
      const visits = more ? [...this.data.visits, ...rows] : rows;
      this.setData({ status: visits.length > 0 ? 'ready' : 'empty', visits, hasMore, failure: '' });
    },

    async onReachBottom() {
      if (!this.data.hasMore || this.loadingMore || !this.answers) return;
      this.loadingMore = true;
      const next = (this.page ?? 1) + 1;
      const answer = await this.answers.follow(() => visitInbox(next));
      this.loadingMore = false;
      if (!answer) return;
      if (answer.ok) {
        this.page = next;
        this.show(answer.data.items, answer.data.hasMore, true);
      } else {
        wx.showToast({ title: answer.message, icon: 'none' });
      }
    },

    onVisitTap(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      wx.navigateTo({ url: visitApprovalUrl(event.currentTarget.dataset.id) });
    },
  },
});
