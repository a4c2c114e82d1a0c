/**
 * 出门条审批 (P9): the exit slips waiting at the current site, oldest first — which house, which day, who (phone
 * masked), and what they take out (the site's form: goods, photos, plate, carrier, company, remark) — each approved
 * (the slip becomes a single-use pass for its day; the resident is told) or rejected with a reason the resident
 * reads. A decision is made once: a second administrator deciding meanwhile is told.
 */
import { EXIT_SLIP_FORM_FIELD_LABELS, type ExitSlipForAdmin } from '../../../../core/api/admin-exit-slip';
import { rejectionReason } from '../../../../core/api/residence';
import { formatDateTime } from '../../../../core/visit-time';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { decideExitSlip, exitSlips } from '../../services/exit-slips';

interface Fields {
  siteId?: string;
}

type SlipLine = ExitSlipForAdmin & {
  dayText: string;
  appliedAtText: string;
  rows: Array<{ label: string; value: string }>;
};

function dayText(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日出门`;
}

function lineOf(slip: ExitSlipForAdmin): SlipLine {
  const rows = (['goods', 'plate', 'carrier', 'company', 'remark'] as const).flatMap((field) => {
    const value = slip[field];
    return value ? [{ label: EXIT_SLIP_FORM_FIELD_LABELS[field], value }] : [];
  });
  return { ...slip, dayText: dayText(slip.date), appliedAtText: formatDateTime(slip.appliedAt), rows };
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    listStatus: 'loading' as 'loading' | 'ready' | 'failed',
    listFailure: '',
    slips: [] as SlipLine[],
    hasMore: false,
    rejecting: '',
    reason: '',
    reasonError: '',
    deciding: '',
  },

  methods: {
    onShow() {
      void this.open();
    },

    async onPullDownRefresh() {
      await this.loadSlips();
      wx.stopPullDownRefresh();
    },

    async open() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      await this.loadSlips();
    },

    async loadSlips() {
      const siteId = this.siteId;
      if (!siteId) return;
      if (this.data.slips.length === 0) this.setData({ listStatus: 'loading' });
      const answer = await exitSlips(siteId);
      if (!answer.ok) {
        this.setData({ listStatus: 'failed', listFailure: answer.message });
        return;
      }
      this.setData({ listStatus: 'ready', slips: answer.data.slips.map(lineOf), hasMore: answer.data.hasMore });
    },

    previewPhoto(event: WechatMiniprogram.CustomEvent<object, object, { id: string; url: string }>) {
      const { id, url } = event.currentTarget.dataset;
      const slip = this.data.slips.find((s) => s.id === id);
      wx.previewImage({ current: url, urls: slip?.photoUrls ?? [url] });
    },

    startReject(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      this.setData({ rejecting: event.currentTarget.dataset.id, reason: '', reasonError: '' });
    },

    cancelReject() {
      this.setData({ rejecting: '', reason: '', reasonError: '' });
    },

    onReasonChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: event.detail.value, reasonError: '' });
    },

    async approve(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      await this.decide(event.currentTarget.dataset.id, true);
    },

    async reject(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const reason = rejectionReason.parse(this.data.reason);
      if (!reason.ok) {
        this.setData({ reasonError: reason.issues[0].message });
        return;
      }
      await this.decide(event.currentTarget.dataset.id, false, reason.value);
    },

    async decide(slipId: string, approve: boolean, reason?: string) {
      const siteId = this.siteId;
      if (!siteId || this.data.deciding) return;
      this.setData({ deciding: slipId });
      const answer = await decideExitSlip({ siteId, slipId, approve, ...(reason ? { reason } : {}) });
      this.setData({ deciding: '' });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        // decided by someone else meanwhile: the list as it now stands
        if (answer.code === 'CONFLICT' || answer.code === 'NOT_FOUND') await this.loadSlips();
        return;
      }
      wx.showToast({ title: approve ? '已通过' : '已拒绝', icon: 'success' });
      this.setData({ rejecting: '', reason: '', slips: this.data.slips.filter((s) => s.id !== slipId) });
    },
  },
});
