/**
 * 注册 (R1): phone + SMS code + password, optionally an email. The account is added to the WeChat user already
 * using the app, so what they chose before (their site) stays theirs; then on to home.
 */
import { email, password, phone, smsCode } from '../../../../core/account-rules';
import { register, sendCode } from '../../../../services/account';
import { CODE_BUTTON_IDLE, CodeSender } from '../../../../utils/code-sender';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, LiveForm, optional, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'phone' | 'code' | 'password' | 'email';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
  email: optional(email),
};

interface Fields {
  live?: LiveForm<Field>;
  codeSender?: CodeSender;
}

definePage<Fields>()({
  data: {
    form: { phone: '', code: '', password: '', email: '' } as Record<Field, string>,
    errors: { phone: '', code: '', password: '', email: '' } as Record<Field, string>,
    canSubmit: false,
    submitting: false,
    notice: '',
    ...CODE_BUTTON_IDLE,
    showPassword: false,
  },

  methods: {
    onLoad() {
      this.live = new LiveForm(RULES);
      this.codeSender = new CodeSender((state) => this.setData(state));
    },

    onUnload() {
      this.codeSender?.stop();
    },

    onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const patch = this.live?.afterInput(event, this.data.form);
      if (patch) this.setData(patch);
    },

    onFieldBlur(event: WechatMiniprogram.CustomEvent) {
      const patch = this.live?.afterBlur(event, this.data.form);
      if (patch) this.setData(patch);
    },

    touch(...fields: Field[]) {
      if (this.live) this.setData(this.live.touch(fields, this.data.form));
    },

    togglePassword() {
      this.setData({ showPassword: !this.data.showPassword });
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
