/**
 * 登录 (R2, R3): WeChat one-tap login, or a 通行 account (account ID, phone or email + password). An account
 * linked to another WeChat moves here only after the person agrees. Either way the app goes on to home — except
 * one-tap login for a WeChat that has no account: nothing was logged in, so the page says so and offers 注册 or
 * 绑定已有账号 (the password form below, which links this WeChat to the account).
 */
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { loginKind, loginName, passwordAttempt } from '../../../../core/account-rules';
import { login, wechatLogin } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'loginName' | 'password';

const loginNameFilled = required<Field>(loginName);

const RULES: Record<Field, FieldRule<Field>> = {
  // the function tells the three apart the same way (core loginKind): anything else cannot be an account
  loginName: (value, form) =>
    loginNameFilled(value, form) || (loginKind(value.trim()) ? '' : '请输入8位账号ID、11位手机号或邮箱'),
  password: required<Field>(passwordAttempt),
};

/** which button is waiting for the function: the other one is held too */
type Busy = '' | 'wechat' | 'password';

definePage<object>()({
  behaviors: [liveFormBehavior(RULES)],

  data: {
    busy: '' as Busy,
    /** one-tap login found no account for this WeChat */
    noAccount: false,
    /** 绑定已有账号: the account field takes the keyboard */
    focusLoginName: false,
  },

  methods: {
    async onWechatLogin() {
      if (this.data.busy) return;
      this.setData({ busy: 'wechat', notice: '', noAccount: false });
      const answer = await wechatLogin();
      this.setData({ busy: '' });
      if (!answer.ok) this.setData({ notice: answer.message });
      else if (answer.data.profile.hasAccount) this.enterApp();
      // nothing changed: no 登录成功, but the two ways on
      else this.setData({ noAccount: true });
    },

    /** 暂不注册: the app works for a WeChat user without an account (passes, cards); only no 登录成功 is said. */
    continueWithoutAccount() {
      wx.switchTab({ url: ROUTES.home });
    },

    /** 绑定已有账号: logging in with the password links this WeChat to that account. */
    bindExisting() {
      this.setData({ focusLoginName: false }, () => this.setData({ focusLoginName: true }));
    },

    async onPasswordLogin() {
      if (this.data.busy || !this.data.canSubmit) return;
      const name = this.data.form.loginName.trim();
      const { password } = this.data.form;
      this.setData({ busy: 'password', notice: '' });
      let answer = await login(name, password);
      if (answer.ok && answer.data.needsConfirmation) {
        if (!(await this.confirmMove())) {
          this.setData({ busy: '' });
          return;
        }
        answer = await login(name, password, true);
      }
      this.setData({ busy: '' });
      if (!answer.ok) this.setData({ notice: answer.message });
      else if (answer.data.needsConfirmation) this.setData({ notice: '该账号已在其他微信登录，请重试' });
      else this.enterApp();
    },

    /** The account is linked to another WeChat: moving it signs that one out, so the person decides. */
    async confirmMove(): Promise<boolean> {
      try {
        const { confirm } = await wx.showModal({
          title: '账号已关联其他微信',
          content: '该账号已在另一个微信上登录。继续登录后，账号将改为关联当前微信，另一个微信将退出登录。',
          confirmText: '继续登录',
          cancelText: '取消',
        });
        return confirm;
      } catch {
        return false;
      }
    },

    enterApp() {
      wx.showToast({ title: '登录成功', icon: 'success' });
      wx.switchTab({ url: ROUTES.home });
    },

    openRegister() {
      wx.navigateTo({ url: ROUTES.register });
    },

    openResetPassword() {
      wx.navigateTo({ url: ROUTES.resetPassword });
    },
  },
});
