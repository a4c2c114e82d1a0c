/**
 * 注册 (R1): phone + SMS code + password, optionally an email. The account is added to the WeChat user already
 * using the app, so what they chose before (their site) stays theirs; then on to home.
 */
import { email, password, phone, smsCode } from '../../../../core/account-rules';
import { register, sendCode } from '../../../../services/account';
import { CODE_BUTTON_IDLE, CodeSender } from '../../../../utils/code-sender';
import { definePage } from '../../../../utils/define-page';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { passwordToggle } from '../../../../behaviors/password-toggle';
import { type FieldRule, optional, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'phone' | 'code' | 'password' | 'email';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
  email: optional(email),
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
      const refusal = await sender.send(() => sendCode(this.data.form.phone.trim(), 'register'));
      if (refusal) this.setData({ notice: refusal });
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
