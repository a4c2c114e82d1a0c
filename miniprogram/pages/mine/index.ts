/**
 * 我的: the person first — their avatar and nickname (WeChat's 头像昵称填写), then the masked phone once and the
 * account ID in small print, or 未登录账号 for a WeChat user without an account. From here one changes the
 * password (R5), logs in or out, opens 自助卡务 (the cards are the WeChat user's, account or not), and — only for
 * the staff of the current site — their tools: 门岗扫码 for its guards, the back office for its administrators
 * once it exists.
 */
import type { Profile } from '../../core/api/account';
import { nickname as nicknameRule } from '../../core/account-rules';
import { staffEntries, type StaffEntries } from '../../core/roles';
import { loadProfile, logout, rememberedProfile, updateProfile } from '../../services/account';
import { currentSite } from '../../services/site';
import { visitInbox } from '../../services/visitor';
import { definePage } from '../../utils/define-page';
import { NewestAnswer } from '../../utils/newest-answer';
import { ROUTES } from '../../utils/routes';
import { uploadAvatar } from './avatar';

/** loading: nothing known yet · ready · failed: unknown and the function could not say */
type MineStatus = 'loading' | 'ready' | 'failed';

const NO_ENTRIES: StaffEntries = { guardScan: false, backOffice: false, records: false };

definePage<{ profileAnswers?: NewestAnswer; siteAnswers?: NewestAnswer; inboxAnswers?: NewestAnswer }>()({
  data: {
    status: 'loading' as MineStatus,
    profile: { hasAccount: false } as Profile,
    /** what the avatar shows: the stored cloud file, or the one just chosen while it uploads (or could not) */
    avatarSrc: '',
    failure: '',
    loggingOut: false,
    /** staff tools at the current site; none until the site function says the person is staff there */
    entries: NO_ENTRIES,
    /** 访客审批: shown once the inbox has anything for the person (they approve somewhere), with the pending count */
    approver: { shown: false, pending: 0 },
  },

  methods: {
    onShow() {
      // back from login, a password change or another phone taking the account over: read again
      void this.refresh();
    },

    async refresh() {
      const remembered = rememberedProfile();
      if (remembered) this.showProfile(remembered);
      void this.refreshEntries();
      void this.refreshApprover();

      this.profileAnswers ??= new NewestAnswer();
      const answer = await this.profileAnswers.ask(loadProfile);
      if (!answer) return;

      if (answer.ok) this.showProfile(answer.data.profile);
      else if (this.data.status !== 'ready') this.setData({ status: 'failed', failure: answer.message });
    },

    showProfile(profile: Profile) {
      this.setData({ status: 'ready', profile, avatarSrc: profile.avatarFileId ?? '', failure: '' });
    },

    /** The roles at the current site decide the staff entries; a failed answer shows none rather than guessing. */
    async refreshEntries() {
      this.siteAnswers ??= new NewestAnswer();
      const answer = await this.siteAnswers.ask(currentSite);
      if (!answer) return;
      this.setData({ entries: answer.ok ? staffEntries(answer.data.roles) : NO_ENTRIES });
    },

    /** Whether the person approves visits anywhere: the inbox holds something; a failed answer leaves it as it was. */
    async refreshApprover() {
      this.inboxAnswers ??= new NewestAnswer();
      const answer = await this.inboxAnswers.ask(() => visitInbox(1));
      if (!answer?.ok) return;
      const { items, pending } = answer.data;
      this.setData({ approver: { shown: items.length > 0 || pending > 0, pending } });
    },

    /** 头像: WeChat hands a temporary file; it shows at once, and is kept once uploaded to the app's storage. */
    async onChooseAvatar(event: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
      const chosen = event.detail.avatarUrl;
      if (!chosen) return;
      this.setData({ avatarSrc: chosen });
      const fileId = await uploadAvatar(chosen);
      if (!fileId) {
        wx.showToast({ title: '头像暂未保存，请稍后再试', icon: 'none' });
        return;
      }
      const answer = await updateProfile({ avatarFileId: fileId });
      if (answer.ok) this.showProfile(answer.data.profile);
      else wx.showToast({ title: answer.message, icon: 'none' });
    },

    /** 昵称: WeChat's nickname keyboard offers the WeChat nickname; saved when the field is left, if it changed. */
    async onNicknameBlur(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const typed = (event.detail.value ?? '').trim();
      const { profile } = this.data;
      if (!typed || typed === (profile.nickname ?? profile.name ?? '')) return;
      const checked = nicknameRule.parse(typed);
      if (!checked.ok) {
        wx.showToast({ title: checked.issues[0]?.message ?? '昵称格式不正确', icon: 'none' });
        return;
      }
      const answer = await updateProfile({ nickname: checked.value });
      if (answer.ok) {
        this.showProfile(answer.data.profile);
        wx.showToast({ title: '昵称已保存', icon: 'success' });
      } else {
        wx.showToast({ title: answer.message, icon: 'none' });
      }
    },

    openChangePassword() {
      wx.navigateTo({ url: ROUTES.changePassword });
    },

    openAcceptInvitation() {
      wx.navigateTo({ url: ROUTES.acceptInvitation });
    },

    openLogin() {
      wx.navigateTo({ url: ROUTES.login });
    },

    /** 自助卡务 (R9): my cards, where a card is bound */
    openCards() {
      wx.navigateTo({ url: ROUTES.cards });
    },

    /** 我的预约: my bookings and invitations */
    openMyVisits() {
      wx.navigateTo({ url: ROUTES.myVisits });
    },

    openVisitInbox() {
      wx.navigateTo({ url: ROUTES.visitInbox });
    },

    /** 门岗扫码 (P3–P5): shown to the guards of the current site only; the page checks again on its own. */
    openGuardScan() {
      wx.navigateTo({ url: ROUTES.guardScan });
    },

    openDeleteAccount() {
      wx.navigateTo({ url: ROUTES.deleteAccount });
    },

    openBackOffice() {
      wx.navigateTo({ url: ROUTES.backOffice });
    },

    /** 观察员 (P11): the back office's records page, read-only */
    openRecords() {
      wx.navigateTo({ url: ROUTES.adminRecords });
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
