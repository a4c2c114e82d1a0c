/**
 * 注册 (R1): phone + SMS code + password, optionally an email, and the agreement to the 用户协议 and 隐私政策
 * (PIPL: consent before the phone is collected). The account is added to the WeChat user already using the app,
 * so what they chose before (their site) stays theirs; then on to home.
 */
import { codeButton } from '../../../../behaviors/code-button';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { passwordToggle } from '../../../../behaviors/password-toggle';
import { email, password, phone, smsCode } from '../../../../core/account-rules';
import { CONSENT_REQUIRED, LEGAL_EDITION } from '../../../../core/consent';
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
    /** 我已阅读并同意《用户协议》和《隐私政策》, ticked by the person, never for them */
    agreed: false,
    /** 注册 was tapped before agreeing: the agreement line is marked */
    agreementWanted: false,
  },

  methods: {
    async onSendCode() {
      const to = this.data.form.phone.trim();
      await this.sendCodeWhen(
        () => this.fieldsReady('phone'),
        () => sendCode(to, 'register'),
      );
    },

    toggleAgreement() {
      const agreed = !this.data.agreed;
      // the refusal on screen was about agreeing: ticking answers it
      const notice = agreed && this.data.notice === CONSENT_REQUIRED ? '' : this.data.notice;
      this.setData({ agreed, agreementWanted: false, notice });
    },

    openUserAgreement() {
      wx.navigateTo({ url: ROUTES.userAgreement });
    },

    openPrivacyPolicy() {
      wx.navigateTo({ url: ROUTES.privacyPolicy });
    },

    async onSubmit() {
      if (this.data.submitting || !this.data.canSubmit) return;
      if (!this.data.agreed) {
        this.setData({ notice: CONSENT_REQUIRED, agreementWanted: true });
        return;
      }
      const { form } = this.data;
      const mail = form.email.trim();
      this.setData({ submitting: true, notice: '' });
      const answer = await register({
        phone: form.phone.trim(),
        code: form.code.trim(),
        password: form.password,
        ...(mail ? { email: mail } : {}),
        consent: { edition: LEGAL_EDITION },
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
