/**
 * 我的: who is signed in — a 通行 account (account ID, masked phone, email) or a WeChat user without one
 * (未登录账号). Tapping the avatar changes the password (R5); from here one logs in, or out, and opens 自助卡务
 * (the cards are the WeChat user's, account or not).
 */
import type { Profile } from '../../core/api/account';
import { loadProfile, logout, rememberedProfile } from '../../services/account';
import { definePage } from '../../utils/define-page';
import { NewestAnswer } from '../../utils/newest-answer';
import { ROUTES } from '../../utils/routes';

/** loading: nothing known yet · ready · failed: unknown and the function could not say */
type MineStatus = 'loading' | 'ready' | 'failed';

definePage<{ profileAnswers?: NewestAnswer }>()({
  data: {
    status: 'loading' as MineStatus,
    profile: { hasAccount: false } as Profile,
    failure: '',
    loggingOut: false,
  },

  methods: {
    onShow() {
      // back from login, a password change or another phone taking the account over: read again
      void this.refresh();
    },

    async refresh() {
      const remembered = rememberedProfile();
      if (remembered) this.setData({ status: 'ready', profile: remembered });

      this.profileAnswers ??= new NewestAnswer();
      const answer = await this.profileAnswers.ask(loadProfile);
      if (!answer) return;

      if (answer.ok) this.setData({ status: 'ready', profile: answer.data.profile, failure: '' });
      else if (this.data.status !== 'ready') this.setData({ status: 'failed', failure: answer.message });
    },

    /** The avatar (点击头像修改密码, as the manual has it); without an account there is no password: log in. */
    onAvatarTap() {
      if (this.data.status !== 'ready') return;
      if (this.data.profile.hasAccount) this.openChangePassword();
      else this.openLogin();
    },

    openChangePassword() {
      wx.navigateTo({ url: ROUTES.changePassword });
    },

    openLogin() {
      wx.navigateTo({ url: ROUTES.login });
    },

    /** 自助卡务 (R9): my cards, where a card is bound */
    openCards() {
      wx.navigateTo({ url: ROUTES.cards });
    },

    /**
     * 门岗扫码 (P3–P5). Shown to everyone: the profile does not say who is a guard, so the gate function decides,
     * and the page says plainly when the person is not one.
     */
    openGuardScan() {
      wx.navigateTo({ url: ROUTES.guardScan });
    },

    async onLogout() {
      if (this.data.loggingOut) return;
      const asked = await wx
        .showModal({
          title: '退出登录',
          content: '退出后，当前微信将不再关联该账号，可随时用账号密码重新登录。',
          confirmText: '退出',
          cancelText: '取消',
        })
        .catch(() => ({ confirm: false }));
      if (!asked.confirm) return;
      this.setData({ loggingOut: true });
      const answer = await logout();
      this.setData({ loggingOut: false });
      if (answer.ok) wx.reLaunch({ url: ROUTES.login });
      else wx.showToast({ title: answer.message, icon: 'none' });
    },
  },
});
