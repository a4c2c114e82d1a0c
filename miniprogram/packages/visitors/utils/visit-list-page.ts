/**
 * 我的预约 and 访客审批 are one kind of page: a list of visits read again on every return (a visit decided
 * meanwhile), more as it is scrolled to its end, a tap opening one visit. Each page says which list it reads, where a
 * tap goes, and anything else the first page's answer carries (the inbox's pending count).
 */
import type { Visit } from '../../../core/api/visitor';
import type { Envelope } from '../../../core/envelope';
import { definePage } from '../../../utils/define-page';
import { NewestAnswer } from '../../../utils/newest-answer';
import { visitRow, type VisitRow } from './visit-view';

/** loading · ready · empty: no visit yet · failed: unknown and the function could not say */
type ListStatus = 'loading' | 'ready' | 'empty' | 'failed';

interface VisitPage {
  items: Visit[];
  hasMore: boolean;
}

export interface VisitListOptions<Answer extends VisitPage> {
  read(page: number): Promise<Envelope<Answer>>;
  /** the page a tapped visit opens */
  openUrl(visitId: string): string;
  /** what the page shows besides the rows, from the first page's answer */
  extra?(answer: Answer): Record<string, unknown>;
  /** the page's own taps (e.g. 去预约) */
  methods?: Record<string, () => void>;
}

export function defineVisitListPage<Answer extends VisitPage>(options: VisitListOptions<Answer>): string {
  return definePage<{ answers?: NewestAnswer; page?: number; loadingMore?: boolean }>()({
    data: {
      status: 'loading' as ListStatus,
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
        const answer = await this.answers.ask(() => options.read(1));
        if (!answer) return;
        if (answer.ok) {
          this.page = 1;
          if (options.extra) this.setData(options.extra(answer.data));
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
        const answer = await this.answers.follow(() => options.read(next));
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
        wx.navigateTo({ url: options.openUrl(event.currentTarget.dataset.id) });
      },

      ...options.methods,
    },
  });
}
