/**
 * 我的预约: my bookings and invitations, newest first — status tag, who, the window in words; tap one for its
 * detail. Read again on every return (a booking decided meanwhile); more as the list is scrolled to its end.
 */
import type { Visit } from '../../../../core/api/visitor';
import { myVisits } from '../../../../services/visitor';
import { definePage } from '../../../../utils/define-page';
import { NewestAnswer } from '../../../../utils/newest-answer';
import { ROUTES, visitDetailUrl } from '../../../../utils/routes';
import { visitRow, type VisitRow } from '../../utils/visit-view';

/** loading · ready · empty: no booking yet · failed: unknown and the function could not say */
type ListStatus = 'loading' | 'ready' | 'empty' | 'failed';

definePage<{ answers?: NewestAnswer; page?: number; loadingMore?: boolean }>()({
  data: {
    status: 'loading' as ListStatus,
    visits: [] as VisitRow[],
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
      const answer = await this.answers.ask(() => myVisits(1));
      if (!answer) return;
      if (answer.ok) {
        this.page = 1;
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
      const answer = await this.answers.follow(() => myVisits(next));
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
      wx.navigateTo({ url: visitDetailUrl(event.currentTarget.dataset.id) });
    },

    openBook() {
      wx.navigateTo({ url: ROUTES.bookVisit });
    },
  },
});
