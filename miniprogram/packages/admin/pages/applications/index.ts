/**
 * 入住申请 (X1): the applications waiting at the current site, oldest first — who, which house, how they relate to
 * it — each approved (the person becomes a resident of the house and their door screen shows a pass) or rejected
 * with a reason the applicant reads. A decision is made once: a second administrator deciding meanwhile is told.
 */
import {
  RESIDENCE_RELATION_LABELS,
  rejectionReason,
  type ResidenceApplicationForAdmin,
} from '../../../../core/api/residence';
import { formatDateTime } from '../../../../core/visit-time';
import { decideResidenceApplication, residenceApplications } from '../../services/houses';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';

interface Fields {
  siteId?: string;
}

type ApplicationLine = ResidenceApplicationForAdmin & { relationLabel: string; appliedAtText: string };

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    listStatus: 'loading' as 'loading' | 'ready' | 'failed',
    listFailure: '',
    applications: [] as ApplicationLine[],
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
      await this.loadApplications();
      wx.stopPullDownRefresh();
    },

    async open() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      await this.loadApplications();
    },

    async loadApplications() {
      const siteId = this.siteId;
      if (!siteId) return;
      if (this.data.applications.length === 0) this.setData({ listStatus: 'loading' });
      const answer = await residenceApplications(siteId);
      if (!answer.ok) {
        this.setData({ listStatus: 'failed', listFailure: answer.message });
        return;
      }
      this.setData({
        listStatus: 'ready',
        applications: answer.data.applications.map((application) => ({
          ...application,
          relationLabel: RESIDENCE_RELATION_LABELS[application.relation],
          appliedAtText: formatDateTime(application.appliedAt),
        })),
        hasMore: answer.data.hasMore,
      });
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

    async decide(applicationId: string, approve: boolean, reason?: string) {
      const siteId = this.siteId;
      if (!siteId || this.data.deciding) return;
      this.setData({ deciding: applicationId });
      const answer = await decideResidenceApplication({
        siteId,
        applicationId,
        approve,
        ...(reason ? { reason } : {}),
      });
      this.setData({ deciding: '' });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        // decided by someone else meanwhile: the list as it now stands
        if (answer.code === 'CONFLICT' || answer.code === 'NOT_FOUND') await this.loadApplications();
        return;
      }
      wx.showToast({ title: approve ? '已通过' : '已拒绝', icon: 'success' });
      this.setData({
        rejecting: '',
        reason: '',
        applications: this.data.applications.filter((a) => a.id !== applicationId),
      });
    },
  },
});
