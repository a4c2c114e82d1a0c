/**
 * 接受邀请 (X2): the person an administrator invited types (or opens a link with) the invitation code and takes the
 * staff role it gives; the site becomes their current one, so 我的 shows 门岗扫码 or 物业管理 at once. A code works
 * once: a used, withdrawn or expired code is refused with the function's reason. Accounts only — the staff list
 * shows a name and a phone — so a WeChat user without one is sent to log in first.
 */
import { ROLE_LABELS } from '../../../../core/roles';
import { acceptInvitation } from '../../../../services/site';
import { definePage } from '../../../../utils/define-page';
import { ROUTES } from '../../../../utils/routes';

interface Fields {
  busy?: boolean;
}

definePage<Fields>()({
  data: {
    code: '',
    problem: '',
    /** the caller has no account: the way to one replaces the form's button */
    needsAccount: false,
    accepting: false,
    accepted: false,
    roleLabel: '',
    siteName: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.code) this.setData({ code: decodeURIComponent(query.code) });
    },

    onCodeInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value, problem: '' });
    },

    async onAccept() {
      const code = this.data.code.trim();
      if (this.busy) return;
      if (!code) {
        this.setData({ problem: '请输入邀请码' });
        return;
      }
      this.busy = true;
      this.setData({ accepting: true, problem: '' });
      const answer = await acceptInvitation(code);
      this.busy = false;
      this.setData({ accepting: false });
      if (!answer.ok) {
        this.setData({ problem: answer.message, needsAccount: answer.code === 'UNAUTHENTICATED' });
        return;
      }
      this.setData({ accepted: true, roleLabel: ROLE_LABELS[answer.data.role], siteName: answer.data.site.name });
    },

    openLogin() {
      wx.navigateTo({ url: ROUTES.login });
    },

    backToMine() {
      wx.switchTab({ url: ROUTES.mine });
    },
  },
});
