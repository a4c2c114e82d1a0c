/**
 * 我的出门条 (P9): the caller's exit slips, newest first, each with its state (待审核 / 已通过 / 可使用 / 已使用 /
 * 已过期 / 未通过) and day; a tap opens its detail (and QR). Reached from 我的 (a cell with a `url`: no code in the
 * main package) and from the apply page.
 */
import type { ExitSlipView } from '../../../../core/api/admin-exit-slip';
import { definePage } from '../../../../utils/define-page';
import { EXIT_PAGES } from '../../routes';
import { myExitSlips } from '../../services/exit-slips';
import { listItem } from '../../utils/slip-view';

type Status = 'loading' | 'failed' | 'empty' | 'ready';

definePage<{ loading?: boolean }>()({
  data: {
    status: 'loading' as Status,
    failure: '',
    slips: [] as Array<ReturnType<typeof listItem>>,
    page: 1,
    hasMore: false,
  },

  methods: {
    onShow() {
      void this.load(1);
    },

    onReachBottom() {
      if (this.data.hasMore && !this.loading) void this.load(this.data.page + 1);
    },

    refresh() {
      void this.load(1);
    },

    async load(page: number) {
      this.loading = true;
      if (page === 1 && this.data.status !== 'ready') this.setData({ status: 'loading' });
      const answer = await myExitSlips(page);
      this.loading = false;
      if (!answer.ok) {
        if (this.data.status === 'ready') wx.showToast({ title: answer.message, icon: 'none' });
        else this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const shown = answer.data.slips.map((slip: ExitSlipView) => listItem(slip));
      const slips = page === 1 ? shown : [...this.data.slips, ...shown];
      this.setData({ status: slips.length ? 'ready' : 'empty', slips, page, hasMore: answer.data.hasMore });
    },

    openSlip(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      wx.navigateTo({ url: `${EXIT_PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },

    openApply() {
      wx.navigateTo({ url: EXIT_PAGES.apply });
    },
  },
});
