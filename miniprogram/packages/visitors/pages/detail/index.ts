/**
 * A booking's detail (R17, X5), to its visitor, host or inviter: the status as the hero — the visitor pass QR once
 * approved and valid (drawn as home draws the resident's, utils/qr-canvas.ts), or in words when it is used,
 * expired or not yet valid, pending, or rejected with the reason — then the booking's rows and where each
 * notification stands. 取消预约 before the visit, after asking.
 */
import type { VisitDetail } from '../../../../core/api/visitor';
import { VISIT_STATUS_LABELS } from '../../../../core/api/visitor';
import { cancelVisit, visitDetail } from '../../../../services/visitor';
import { definePage } from '../../../../utils/define-page';
import { drawQrCode, type QrCanvas } from '../../../../utils/qr-canvas';
import { ROUTES } from '../../../../utils/routes';
import {
  CANNOT_VIEW,
  CANNOT_VIEW_DETAIL,
  NO_VISIT_NAMED,
  visitAnswer,
  visitIdFrom,
  type VisitPageStatus,
} from '../../utils/load-visit';
import { decisionWords, detailRows, notificationLines, passWords, type LabelledValue } from '../../utils/visit-view';

/** the hero: the QR (a valid pass), or the state in words */
type Hero = 'qr' | 'words';

interface Fields {
  visitId?: string;
  /** the visitor key of the SMS link that opened the page (`k=`), when it did */
  visitorKey?: string;
  code?: string;
  busy?: boolean;
}

definePage<Fields>()({
  data: {
    status: 'loading' as VisitPageStatus,
    failure: '',
    refusedTitle: CANNOT_VIEW,
    refusedDetail: CANNOT_VIEW_DETAIL,
    hero: 'words' as Hero,
    heroTitle: '',
    heroDetail: '',
    heroTone: '',
    rows: [] as LabelledValue[],
    notifications: [] as LabelledValue[],
    canCancel: false,
    cancelling: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.visitId = visitIdFrom(query);
      if (query.k && /^[0-9a-f]{32}$/.test(query.k)) this.visitorKey = query.k;
      if (!this.visitId) this.setData({ status: 'unnamed', failure: NO_VISIT_NAMED });
    },

    onShow() {
      if (this.visitId) void this.load();
    },

    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const answer = visitAnswer(await visitDetail(this.visitId ?? '', this.visitorKey));
      if (answer.status === 'ready') this.showVisit(answer.visit);
      else if (answer.status === 'refused') this.setData({ status: 'refused', rows: [], notifications: [] });
      else if (this.data.status !== 'ready') this.setData({ status: 'failed', failure: answer.failure });
      else wx.showToast({ title: answer.failure, icon: 'none' });
    },

    showVisit(visit: VisitDetail) {
      const now = new Date();
      const hero = heroOf(visit, now);
      this.code = hero.hero === 'qr' ? visit.pass?.code : undefined;
      this.setData(
        {
          status: 'ready',
          ...hero,
          rows: detailRows(visit),
          notifications: notificationLines(visit.notifications),
          canCancel: visit.canCancel,
        },
        () => this.drawPass(),
      );
    },

    /** The pass on its canvas, as home draws the resident's. */
    drawPass() {
      const code = this.code;
      if (!code) return;
      this.createSelectorQuery()
        .select('#visit-pass-qr')
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: QrCanvas; width?: number } | null>) => {
          const canvas = results[0];
          if (!canvas?.node || !canvas.width || this.code !== code) return;
          drawQrCode(canvas.node, code, canvas.width * wx.getWindowInfo().pixelRatio).catch((error: unknown) => {
            console.error('could not draw the visitor pass', error);
            this.setData({ hero: 'words', heroTitle: '通行证二维码显示失败', heroDetail: '请升级微信后再试' });
          });
        });
    },

    openMyVisits() {
      wx.redirectTo({ url: ROUTES.myVisits });
    },

    async onCancel() {
      if (this.busy || !this.data.canCancel) return;
      this.busy = true;
      const asked = await wx
        .showModal({
          title: '取消预约',
          content: '确定取消这次来访吗？取消后通行证将失效。',
          confirmText: '取消预约',
          confirmColor: '#d54941',
          cancelText: '再想想',
        })
        .catch(() => ({ confirm: false }));
      if (!asked.confirm) {
        this.busy = false;
        return;
      }
      this.setData({ cancelling: true });
      const answer = await cancelVisit(this.visitId ?? '');
      this.busy = false;
      this.setData({ cancelling: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: '已取消预约', icon: 'success' });
      this.showVisit(answer.data.visit);
    },
  },
});

function heroOf(visit: VisitDetail, now: Date) {
  const decided = decisionWords(visit, now);
  if (visit.status === 'approved' && visit.pass) {
    const words = passWords(visit.pass, now);
    return {
      hero: (visit.pass.state === 'valid' ? 'qr' : 'words') as Hero,
      heroTitle: words.title,
      heroDetail: words.detail,
      heroTone: visit.pass.state === 'valid' ? 'ok' : 'muted',
    };
  }
  if (visit.status === 'pending') {
    return {
      hero: 'words' as Hero,
      heroTitle: '等待审核',
      heroDetail: '审核结果将通过微信和短信通知',
      heroTone: 'waiting',
    };
  }
  return {
    hero: 'words' as Hero,
    heroTitle: VISIT_STATUS_LABELS[visit.status],
    heroDetail: decided,
    heroTone: visit.status === 'rejected' ? 'refused' : visit.status === 'approved' ? 'ok' : 'muted',
  };
}
