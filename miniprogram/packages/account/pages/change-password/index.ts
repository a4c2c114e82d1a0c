/**
 * 修改密码 (R5), reached by tapping the avatar on 我的: the old password, then the new one twice. Then back to
 * 我的.
 */
import { password, passwordAttempt } from '../../../../core/account-rules';
import { changePassword } from '../../../../services/account';
import { definePage } from '../../../../utils/define-page';
import { checkForm, fieldOf, required, type FieldRule } from '../../../../utils/form';
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

definePage<{ touched?: Set<Field> }>()({
  data: {
    form: { oldPassword: '', newPassword: '', confirmPassword: '' } as Record<Field, string>,
    errors: { oldPassword: '', newPassword: '', confirmPassword: '' } as Record<Field, string>,
    canSubmit: false,
    submitting: false,
    notice: '',
  },

  methods: {
    onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = fieldOf(event, RULES);
      if (field) this.check({ ...this.data.form, [field]: event.detail.value }, true);
    },

    onFieldBlur(event: WechatMiniprogram.CustomEvent) {
      const field = fieldOf(event, RULES);
      if (!field) return;
      this.touched = (this.touched ?? new Set()).add(field);
      this.check(this.data.form, false);
    },

    /** `edited`: the person changed the form, which answers the refusal on screen: it goes until the next try */
    check(form: Record<Field, string>, edited: boolean) {
      const { errors, valid } = checkForm(RULES, form, this.touched ?? new Set());
      this.setData({ form, errors, canSubmit: valid, ...(edited ? { notice: '' } : {}) });
    },

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
