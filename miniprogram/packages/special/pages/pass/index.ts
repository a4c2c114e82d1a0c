/**
 * 专用通行证 (P6), as its member holds it: a person of an organisation the property registered (a courier, a cleaner)
 * binds their WeChat once with the invitation code the property gave them, then shows the pass QR at the
 * organisation's linked communities — one at a time, switched with the chips above the code. The code lives 10
 * minutes and is fetched again a minute early, as home does the resident's. A refusal (expired, disabled, a community
 * not linked) is shown in words instead of a code. Reached from 我的 → 专用通行证.
 */
import type { SpecialPassResponse } from '../../../../core/api/pass';
import { definePage } from '../../../../utils/define-page';
import { drawQrCode, type QrCanvas } from '../../../../utils/qr-canvas';
import { bindSpecialMember, specialPass } from '../../services/member-pass';

type Status = 'loading' | 'unbound' | 'pass' | 'refused' | 'failed';

interface Fields {
  busy?: boolean;
  code?: string;
  refreshTimer?: number;
}

definePage<Fields>()({
  data: {
    status: 'loading' as Status,
    /** why there is no code: the function's words */
    refusal: '',
    inviteCode: '',
    problem: '',
    binding: false,
    siteId: '',
    siteName: '',
    sites: [] as SpecialPassResponse['sites'],
    holder: '',
    organisation: '',
    validTo: '',
  },

  methods: {
    onShow() {
      void this.load();
    },

    onHide() {
      this.stopRefresh();
    },

    onUnload() {
      this.stopRefresh();
    },

    async load(siteId?: string) {
      this.stopRefresh();
      const answer = await specialPass(siteId ?? (this.data.siteId || undefined));
      if (!answer.ok) {
        // not bound yet: the invitation form; no network: 重试; anything else is the pass's refusal
        if (answer.code === 'FORBIDDEN' && !this.data.siteId) this.setData({ status: 'unbound', refusal: '' });
        else this.setData({ status: answer.code === 'INTERNAL' ? 'failed' : 'refused', refusal: answer.message });
        return;
      }
      const pass = answer.data;
      this.code = pass.code;
      this.setData(
        {
          status: 'pass',
          siteId: pass.site.id,
          siteName: pass.site.name,
          sites: pass.sites,
          holder: pass.holder,
          organisation: pass.organisation,
          validTo: pass.validTo,
        },
        () => this.drawPass(),
      );
      const wait = Math.max(new Date(pass.refreshAt).getTime() - Date.now(), 5000);
      this.refreshTimer = setTimeout(() => void this.load(), wait) as unknown as number;
    },

    stopRefresh() {
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
    },

    drawPass() {
      const code = this.code;
      if (!code) return;
      this.createSelectorQuery()
        .select('#special-pass-qr')
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: QrCanvas; width?: number } | null>) => {
          const canvas = results[0];
          if (!canvas?.node || !canvas.width || this.code !== code) return;
          drawQrCode(canvas.node, code, canvas.width * wx.getWindowInfo().pixelRatio).catch((error: unknown) => {
            console.error('could not draw the special pass', error);
            this.setData({ status: 'refused', refusal: '通行证二维码显示失败，请升级微信后再试' });
          });
        });
    },

    /** a linked community's chip, its id in `data-id` */
    onPickSite(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id === this.data.siteId) return;
      this.setData({ siteId: id });
      void this.load(id);
    },

    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },

    onCodeInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ inviteCode: event.detail.value, problem: '' });
    },

    async onBind() {
      const code = this.data.inviteCode.trim();
      if (this.busy) return;
      if (!code) {
        this.setData({ problem: '请输入邀请码' });
        return;
      }
      this.busy = true;
      this.setData({ binding: true, problem: '' });
      const answer = await bindSpecialMember(code);
      this.busy = false;
      this.setData({ binding: false });
      if (!answer.ok) {
        this.setData({ problem: answer.message });
        return;
      }
      wx.showToast({ title: `已绑定${answer.data.organisation}`, icon: 'none' });
      this.setData({ status: 'loading', inviteCode: '' });
      await this.load();
    },
  },
});
