/**
 * 忘记密码 (R4): a code sent to the account's phone sets a new password; the account's session on any other
 * WeChat ends. Then back to login, to log in with the new one.
 */
import { password, phone, smsCode } from '../../../../core/account-rules';
import { resetPassword, sendCode } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { checkForm, fieldOf, required, type FieldRule } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';
import { ResendCountdown } from '../../utils/resend-countdown';

type Field = 'phone' | 'code' | 'password';

const RULES: Record<Field, FieldRule<Field>> = {
  phone: required(phone),
  code: required(smsCode),
  password: required(password),
};

interface Fields {
  touched?: Set<Field>;
  countdown?: ResendCountdown;
}

definePage<Fields>()({
  data: {
    form: { phone: '', code: '', password: '' } as Record<Field, string>,
    errors: { phone: '', code: '', password: '' } as Record<Field, string>,
    canSubmit: false,
    submitting: false,
    notice: '',
    sendingCode: false,
    /** seconds before another code may be asked for; 0: now */
    codeWait: 0,
    codeSent: false,
    showPassword: false,
  },

  methods: {
    onLoad() {
      this.countdown = new ResendCountdown((codeWait) => this.setData({ codeWait }));
    },

    onUnload() {
      this.countdown?.stop();
    },

    onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = fieldOf(event, RULES);
      if (field) this.check({ ...this.data.form, [field]: event.detail.value }, true);
    },

    onFieldBlur(event: WechatMiniprogram.CustomEvent) {
      const field = fieldOf(event, RULES);
      if (field) this.touch(field);
    },

    touch(field: Field) {
      this.touched = (this.touched ?? new Set()).add(field);
      this.check(this.data.form, false);
    },

    /** `edited`: the person changed the form, which answers the refusal on screen: it goes until the next try */
    check(form: Record<Field, string>, edited: boolean) {
      const { errors, valid } = checkForm(RULES, form, this.touched ?? new Set());
      this.setData({ form, errors, canSubmit: valid, ...(edited ? { notice: '' } : {}) });
    },

    togglePassword() {
      this.setData({ showPassword: !this.data.showPassword });
    },

    async onSendCode() {
      if (this.data.sendingCode || this.data.codeWait > 0) return;
      if (RULES.phone(this.data.form.phone, this.data.form)) {
        this.touch('phone');
        return;
      }
      this.setData({ sendingCode: true, notice: '' });
      const answer = await sendCode(this.data.form.phone.trim(), 'reset');
      this.setData({ sendingCode: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      this.setData({ codeSent: true });
      this.countdown?.start(answer.data.resendAfter);
      wx.showToast({ title: '验证码已发送', icon: 'none' });
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
