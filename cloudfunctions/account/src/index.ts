import {
  avatarFileId,
  email,
  loginName,
  nickname,
  password,
  passwordAttempt,
  phone,
  smsCode,
} from '../../../miniprogram/core/account-rules';
import type { AccountActions } from '../../../miniprogram/core/api/account';
import { consent } from '../../../miniprogram/core/consent';
import { boolean, object, oneOf, optional } from '../../../miniprogram/core/validate';
import {
  authenticate,
  changePassword,
  logout,
  register,
  resetPassword,
  sendCode,
} from '../../../server/accounts/account';
import { deleteAccount, sendDeletionCode } from '../../../server/accounts/deletion';
import { linkWeChat } from '../../../server/accounts/linking';
import { profileOf, updateProfile } from '../../../server/accounts/profile';
import { createFunction } from '../../../server/platform/router';
import { UserRepository } from '../../../server/people/users';

/**
 * 账号 (R1–R5): WeChat one-tap login, registration by phone + SMS code, password login by account
 * ID / phone / email, logout, reset by SMS code, change password. A WeChat identity and an account
 * are linked one-to-one, so either way in reaches the same user (server/accounts/linking.ts). The
 * person's 头像昵称 (updateProfile) belong to the WeChat user, account or not.
 */
export const main = createFunction<AccountActions>('account', {
  wechatLogin: {
    input: object({}),
    async run(context) {
      return { profile: profileOf(await context.user()) };
    },
  },

  profile: {
    input: object({}),
    async run(context) {
      return { profile: profileOf(await new UserRepository().byOpenid(context.caller.openid)) };
    },
  },

  updateProfile: {
    mutating: true,
    input: object({ nickname: optional(nickname), avatarFileId: optional(avatarFileId) }),
    run: updateProfile,
  },

  sendCode: {
    mutating: true,
    input: object({ phone, purpose: oneOf(['register', 'reset'] as const, '验证码用途') }),
    run: sendCode,
  },

  register: {
    mutating: true,
    input: object({ phone, code: smsCode, password, email: optional(email), consent }),
    run: register,
  },

  login: {
    mutating: true,
    input: object({ loginName, password: passwordAttempt, confirmMove: optional(boolean('确认'), false) }),
    async run(context, input) {
      const account = await authenticate(context, input.loginName, input.password);
      return linkWeChat(account, context.caller, input.confirmMove ?? false, context.now);
    },
  },

  logout: {
    mutating: true,
    input: object({}),
    run: (context) => logout(context),
  },

  resetPassword: {
    mutating: true,
    input: object({ phone, code: smsCode, password }),
    run: resetPassword,
  },

  changePassword: {
    mutating: true,
    input: object({ oldPassword: passwordAttempt, newPassword: password }),
    run: changePassword,
  },

  sendDeletionCode: {
    mutating: true,
    input: object({}),
    run: sendDeletionCode,
  },

  deleteAccount: {
    mutating: true,
    input: object({ code: optional(smsCode) }),
    run: deleteAccount,
  },
});
