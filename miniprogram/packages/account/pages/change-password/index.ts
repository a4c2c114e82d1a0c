/**
 * 修改密码 (R5), reached by tapping the avatar on 我的: the old password, then the new one twice. Then back to
 * 我的.
 */
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { password, passwordAttempt } from '../../../../core/account-rules';
import { changePassword } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, required } from '../../../../utils/form';
import { ROUTES } from '../../../../utils/routes';

type Field = 'oldPassword' | 'newPassword' | 'confirmPassword';

const RULES: Record<Field, FieldRule<Field>> = {
  oldPassword: (value, form) => (value === '' ? '请填写原密码' : required<Field>(passwordAttempt)(value, form)),
  newPassword: required(password),
  confirmPassword: (value, form) => {
    if (value === '') return '请再次输入新密码';
    return value === form.newPassword ? '' : '两次输入的新密码不一致';
  },
};

definePage<object>()({
  behaviors: [liveFormBehavior(RULES)],

  data: {
    submitting: false,
  },

  methods: {
    async onSubmit() {
      if (this.data.submitting || !this.data.canSubmit) return;
      const { oldPassword, newPassword } = this.data.form;
      this.setData({ submitting: true, notice: '' });
      const answer = await changePassword({ oldPassword, newPassword });
      this.setData({ submitting: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      wx.showToast({ title: '密码已修改', icon: 'success' });
      wx.navigateBack({ fail: () => wx.switchTab({ url: ROUTES.mine }) });
    },
  },
});
