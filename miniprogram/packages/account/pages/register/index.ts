/**
 * 注册 (R1): phone + SMS code + password, optionally an email. The account is added to the WeChat user already
 * using the app, so what they chose before (their site) stays theirs; then on to home.
 */
import { codeButton } from '../../../../behaviors/code-button';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { passwordToggle } from '../../../../behaviors/password-toggle';
import { email, password, phone, smsCode } from '../../../../core/account-rules';
import { register, sendCode } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, optional, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'phone' | 'code' | 'password' | 'email';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
  email: optional(email),
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
        () => sendCode(to, 'register'),
      );
    },

    async onSubmit() {
      if (this.data.submitting || !this.data.canSubmit) return;
      const { form } = this.data;
      const mail = form.email.trim();
      this.setData({ submitting: true, notice: '' });
      const answer = await register({
        phone: form.phone.trim(),
        code: form.code.trim(),
        password: form.password,
        ...(mail ? { email: mail } : {}),
      });
      this.setData({ submitting: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      wx.showToast({ title: '注册成功', icon: 'success' });
      wx.switchTab({ url: ROUTES.home });
    },
  },
});
