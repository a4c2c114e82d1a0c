/**
 * 忘记密码 (R4): a code sent to the account's phone sets a new password; the account's session on any other
 * WeChat ends. Then back to login, to log in with the new one.
 */
import { password, phone, smsCode } from '../../../../core/account-rules';
import { resetPassword, sendCode } from '../../../../services/account';
import { CODE_BUTTON_IDLE, CodeSender } from '../../../../utils/code-sender';
import { definePage } from '../../../../utils/define-page';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { passwordToggle } from '../../../../behaviors/password-toggle';
import { type FieldRule, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'phone' | 'code' | 'password';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
};

definePage<{ codeSender?: CodeSender }>()({
  behaviors: [liveFormBehavior(RULES), passwordToggle],

  data: {
    submitting: false,
    ...CODE_BUTTON_IDLE,
  },

  methods: {
    onLoad() {
      this.codeSender = new CodeSender((state) => this.setData(state));
    },

    onUnload() {
      this.codeSender?.stop();
    },

    async onSendCode() {
      const sender = this.codeSender;
      if (!sender?.ready) return;
      if (RULES.phone(this.data.form.phone, this.data.form)) {
        this.touch('phone');
        return;
      }
      this.setData({ notice: '' });
      const refusal = await sender.send(() => sendCode(this.data.form.phone.trim(), 'reset'));
      if (refusal) this.setData({ notice: refusal });
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
