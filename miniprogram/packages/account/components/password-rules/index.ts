/**
 * The password rules (core/account-rules.ts) under a new-password field, each ticking as it is met while the
 * person types: the same rules the `account` function enforces, so a ticked list is a password it accepts.
 */
import { PASSWORD_RULES } from '../../../../core/account-rules';

function check(password: string) {
  return PASSWORD_RULES.map((rule) => {
    const met = rule.test(password);
    // before anything is typed nothing is wrong yet: a plain circle, not a red cross
    return { text: rule.text, met, icon: met ? 'check-circle-filled' : password ? 'close-circle' : 'circle' };
  });
}

Component({
  properties: {
    password: { type: String, value: '' },
  },

  data: {
    rules: check(''),
    typed: false,
  },

  observers: {
    password(password: string) {
      this.setData({ rules: check(password), typed: password.length > 0 });
    },
  },
});
