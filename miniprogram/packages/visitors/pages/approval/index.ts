/**
 * 访客预约审批 (R18): one booking to its approvers — 受访人姓名, 受访人电话, 来访人姓名, 来访人证件号码 (masked),
 * 启用日期, 截止日期, 所属场区, 登记日期, 审核状态, and the face photo when one was uploaded. 通过 asks WeChat for
 * the approver's next subscription first (a one-time subscription carries one message: the next booking's);
 * 拒绝 asks for an optional reason in a dialog. A booking already decided shows the decision instead of the
 * buttons (a second decision, someone else's meanwhile, comes back CONFLICT and the page shows what was decided).
 * Opened by anyone else (a forwarded message), it says 无法查看此预约 and shows nothing of the booking.
 */
import { VISIT_STATUS_LABELS, type VisitDetail } from '../../../../core/api/visitor';
import { decideVisit, visitDetail } from '../../../../services/visitor';
import { definePage } from '../../../../utils/define-page';
import { ROUTES } from '../../../../utils/routes';
import { askSubscriptions } from '../../../../utils/subscribe';
import {
  CANNOT_VIEW,
  CANNOT_VIEW_DETAIL,
  NO_VISIT_NAMED,
  visitAnswer,
  visitIdFrom,
  type VisitPageStatus,
} from '../../utils/load-visit';
import { approvalRows, decisionWords, type LabelledValue } from '../../utils/visit-view';

const ALREADY_DECIDED = '该预约已处理';

interface Fields {
  visitId?: string;
  busy?: boolean;
}

definePage<Fields>()({
  data: {
    status: 'loading' as VisitPageStatus,
    failure: '',
    refusedTitle: CANNOT_VIEW,
    refusedDetail: CANNOT_VIEW_DETAIL,
    rows: [] as LabelledValue[],
    purpose: '',
    faceUrl: '',
    canDecide: false,
    decision: '',
    statusTone: '',
    statusLabel: '',
    rejecting: false,
    reason: '',
    deciding: '' as '' | 'approve' | 'reject',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.visitId = visitIdFrom(query);
      if (!this.visitId) this.setData({ status: 'unnamed', failure: NO_VISIT_NAMED });
    },

    onShow() {
      if (this.visitId) void this.load();
    },

    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const answer = visitAnswer(await visitDetail(this.visitId ?? ''));
      if (answer.status === 'ready') this.showVisit(answer.visit);
      else if (answer.status === 'refused') this.setData({ status: 'refused', rows: [], faceUrl: '', purpose: '' });
      else if (this.data.status !== 'ready') this.setData({ status: 'failed', failure: answer.failure });
      else wx.showToast({ title: answer.failure, icon: 'none' });
    },

    showVisit(visit: VisitDetail) {
      this.setData({
        status: 'ready',
        rows: approvalRows(visit),
        purpose: visit.purpose,
        faceUrl: visit.faceUrl ?? '',
        canDecide: visit.canDecide && visit.status === 'pending',
        decision: decisionWords(visit, new Date()),
        statusTone: visit.status,
        statusLabel: VISIT_STATUS_LABELS[visit.status],
      });
    },

    async onApprove() {
      if (this.busy || !this.data.canDecide) return;
      this.busy = true;
      this.setData({ deciding: 'approve' });
      // the approver's next subscription message (the next booking) is asked for at this tap
      await askSubscriptions(['visitRequested']);
      await this.decide(true);
    },

    openReject() {
      if (this.busy || !this.data.canDecide) return;
      this.setData({ rejecting: true, reason: '' });
    },

    onReasonChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: event.detail.value });
    },

    closeReject() {
      this.setData({ rejecting: false });
    },

    async confirmReject() {
      if (this.busy) return;
      this.busy = true;
      this.setData({ rejecting: false, deciding: 'reject' });
      await this.decide(false, this.data.reason.trim());
    },

    async decide(approve: boolean, reason?: string) {
      const answer = await decideVisit(this.visitId ?? '', approve, reason);
      this.busy = false;
      this.setData({ deciding: '' });
      if (answer.ok) {
        wx.showToast({ title: approve ? '已通过' : '已拒绝', icon: 'success' });
        this.showVisit(answer.data.visit);
        return;
      }
      // decided meanwhile (here, or by another approver): show what stands
      wx.showToast({ title: answer.code === 'CONFLICT' ? ALREADY_DECIDED : answer.message, icon: 'none' });
      if (answer.code === 'CONFLICT') void this.load();
    },

    previewFace() {
      if (this.data.faceUrl) wx.previewImage({ urls: [this.data.faceUrl], fail: () => undefined });
    },

    openInbox() {
      wx.redirectTo({ url: ROUTES.visitInbox });
    },
  },
});
