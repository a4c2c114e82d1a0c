/**
 * One exit slip (P9), to its applicant: the state as the hero — on its day, once approved, the QR the guard scans
 * (drawn as home draws the resident's pass, utils/qr-canvas.ts); otherwise in words: waiting, approved for a later
 * day, used (where, when), expired, or rejected with the reason — then what the slip lets out. While the QR is on
 * screen the page asks every few seconds what became of it, so a released slip turns 已使用 at once.
 */
import type { ExitSlipView } from '../../../../core/api/admin-exit-slip';
import { PASS_STATUS_POLL_MS } from '../../../../core/api/pass';
import { formatDateTime } from '../../../../core/visit-time';
import { definePage } from '../../../../utils/define-page';
import { drawQrCode, type QrCanvas } from '../../../../utils/qr-canvas';
import { EXIT_PAGES } from '../../routes';
import { exitSlipDayLabel } from '../../rules';
import { exitSlip } from '../../services/exit-slips';
import { detailRows, slipState } from '../../utils/slip-view';

type Status = 'loading' | 'failed' | 'ready';

interface Fields {
  slipId?: string;
  code?: string;
  poll?: number;
}

/** The hero: the QR on its day, or the state in words, with its tone. */
function heroOf(slip: ExitSlipView) {
  const day = exitSlipDayLabel(slip.date);
  const { tone } = slipState(slip);
  if (slip.status === 'pending')
    return { qr: false, tone, title: '等待物业审核', detail: `${day}出门，审核结果会通知您` };
  if (slip.status === 'rejected')
    return { qr: false, tone, title: '出门条未通过', detail: slip.reason ? `原因：${slip.reason}` : '' };
  const pass = slip.pass;
  switch (pass?.state) {
    case 'used':
      return {
        qr: false,
        tone,
        title: '出门条已使用',
        detail: pass.used ? `${formatDateTime(pass.used.at)} 在${pass.used.gate}放行` : '',
      };
    case 'expired':
      return { qr: false, tone, title: '出门条已过期', detail: `仅限${day}当天使用` };
    case 'notYet':
      return { qr: false, tone, title: '出门条已通过', detail: `请于${day}当天出示出门条二维码，门岗核对物品后放行` };
    default:
      return { qr: true, tone, title: '请向门岗出示二维码', detail: `仅限${day}当天使用一次` };
  }
}

definePage<Fields>()({
  data: {
    status: 'loading' as Status,
    failure: '',
    hero: { qr: false, tone: 'waiting', title: '', detail: '' },
    rows: [] as Array<{ label: string; value: string; long: boolean }>,
  },

  lifetimes: {
    detached() {
      this.stopPolling();
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.slipId = query.id && /^[A-Za-z0-9_-]{1,64}$/.test(query.id) ? query.id : undefined;
    },

    onShow() {
      if (!this.slipId) {
        this.setData({ status: 'failed', failure: '找不到这张出门条' });
        return;
      }
      void this.load();
    },

    onHide() {
      this.stopPolling();
    },

    refresh() {
      void this.load();
    },

    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const answer = await exitSlip(this.slipId ?? '');
      if (!answer.ok) {
        if (this.data.status === 'ready') return;
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.show(answer.data.slip);
    },

    show(slip: ExitSlipView) {
      const hero = heroOf(slip);
      const code = hero.qr ? slip.pass?.code : undefined;
      const redraw = code !== this.code;
      this.code = code;
      this.setData({ status: 'ready', hero, rows: detailRows(slip) }, () => {
        if (code && redraw) this.drawPass(code);
      });
      if (code) this.startPolling();
      else this.stopPolling();
    },

    startPolling() {
      if (this.poll !== undefined) return;
      this.poll = setInterval(() => void this.load(), PASS_STATUS_POLL_MS) as unknown as number;
    },

    stopPolling() {
      if (this.poll !== undefined) clearInterval(this.poll);
      this.poll = undefined;
    },

    drawPass(code: string) {
      this.createSelectorQuery()
        .select('#exit-slip-qr')
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: QrCanvas; width?: number } | null>) => {
          const canvas = results[0];
          if (!canvas?.node || !canvas.width || this.code !== code) return;
          drawQrCode(canvas.node, code, canvas.width * wx.getWindowInfo().pixelRatio).catch((error: unknown) => {
            console.error('could not draw the exit slip', error);
            this.setData({ 'hero.qr': false, 'hero.title': '二维码显示失败', 'hero.detail': '请升级微信后再试' });
          });
        });
    },

    openMine() {
      wx.redirectTo({ url: EXIT_PAGES.mine });
    },
  },
});
