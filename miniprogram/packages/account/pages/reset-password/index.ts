/**
 * 忘记密码 (R4): a code sent to the account's phone sets a new password; the account's session on any other
 * WeChat ends. Then back to login, to log in with the new one.
 */
import { password, phone, smsCode } from '../../../../core/account-rules';
import { resetPassword, sendCode } from '../../../../services/account';
import { CODE_BUTTON_IDLE, CodeSender } from '../../../../utils/code-sender';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, LiveForm, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'phone' | 'code' | 'password';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
};

interface Fields {
  live?: LiveForm<Field>;
  codeSender?: CodeSender;
}

definePage<Fields>()({
  data: {
    form: { phone: '', code: '', password: '' } as Record<Field, string>,
    errors: { phone: '', code: '', password: '' } as Record<Field, string>,
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
