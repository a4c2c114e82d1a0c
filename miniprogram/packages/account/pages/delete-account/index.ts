/**
 * 注销账号 (X7), from the foot of 我的: what deleting means, said plainly before anything happens; an account
 * proves it is the phone's owner with a code sent to that phone (shown masked); a last confirmation; then the app
 * starts afresh on home. A WeChat user with no account confirms only: the WeChat session is who they are.
 */
import { codeButton } from '../../../../behaviors/code-button';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { smsCode } from '../../../../core/account-rules';
import { deleteAccount, loadProfile, rememberedProfile, sendDeletionCode } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'code';

const RULES: Record<Field, FieldRule<Field>> = { code: required(smsCode) };

/** loading: not known yet whether there is an account · ready · failed: the function could not say */
type Status = 'loading' | 'ready' | 'failed';

definePage<object>()({
  behaviors: [liveFormBehavior(RULES), codeButton],

  data: {
    status: 'loading' as Status,
    hasAccount: false,
    maskedPhone: '',
    deleting: false,
  },

  methods: {
    onLoad() {
      const remembered = rememberedProfile();
      if (remembered) this.showProfile(remembered.hasAccount, remembered.maskedPhone);
      void this.refresh();
    },

    async refresh() {
      const answer = await loadProfile();
      if (answer.ok) this.showProfile(answer.data.profile.hasAccount, answer.data.profile.maskedPhone);
      else if (this.data.status === 'loading') this.setData({ status: 'failed', notice: answer.message });
    },

    showProfile(hasAccount: boolean, maskedPhone = '') {
      this.setData({ status: 'ready', hasAccount, maskedPhone });
    },

    async onSendCode() {
      await this.sendCodeWhen(
        () => true,
        async () => {
          const answer = await sendDeletionCode();
          if (answer.ok) this.setData({ maskedPhone: answer.data.phone });
          return answer;
        },
      );
    },

    async onDelete() {
      if (this.data.deleting) return;
      if (this.data.hasAccount && !this.data.canSubmit) {
        this.setData({ notice: '请先获取并填写短信验证码' });
        return;
      }
      const asked = await wx
        .showModal({
          title: '确认注销账号',
          content: '注销后账号和个人信息将被删除，无法恢复。',
          confirmText: '注销',
          confirmColor: '#d54941',
          cancelText: '再想想',
        })
        .catch(() => ({ confirm: false }));
      if (!asked.confirm) return;
      this.setData({ deleting: true, notice: '' });
      const answer = await deleteAccount(this.data.hasAccount ? this.data.form.code.trim() : undefined);
      this.setData({ deleting: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      wx.showToast({ title: '账号已注销', icon: 'success' });
      wx.reLaunch({ url: ROUTES.home });
    },
  },
});
