/**
 * 忘记密码 (R4): a code sent to the account's phone sets a new password; the account's session on any other
 * WeChat ends. Then back to login, to log in with the new one.
 */
import { codeButton } from '../../../../behaviors/code-button';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { passwordToggle } from '../../../../behaviors/password-toggle';
import { password, phone, smsCode } from '../../../../core/account-rules';
import { resetPassword, sendCode } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'phone' | 'code' | 'password';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
};

definePage<object>()({
  behaviors: [liveFormBehavior(RULES), passwordToggle, codeButton],

  data: {
    submitting: false,
  },

  methods: {
    async onSendCode() {
      const to = this.data.form.phone.trim();
      await this.sendCodeWhen(
        () => this.fieldsReady('phone'),
        () => sendCode(to, 'reset'),
      );
    },

    async onSubmit() {
      if (this.data.submitting || !this.data.canSubmit) return;
      const { form } = this.data;
      this.setData({ submitting: true, notice: '' });
      const answer = await resetPassword({ phone: form.phone.trim(), code: form.code.trim(), password: form.password });
      this.setData({ submitting: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      wx.showToast({ title: '密码已重置', icon: 'success' });
      // opened from login, it goes back there; opened on its own (a shared link), login replaces it
      wx.navigateBack({ fail: () => wx.redirectTo({ url: ROUTES.login }) });
    },
  },
});
