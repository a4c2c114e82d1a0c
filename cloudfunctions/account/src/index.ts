import { randomInt } from 'node:crypto';
import {
  email,
  loginKind,
  loginName,
  password,
  passwordAttempt,
  phone,
  smsCode,
} from '../../../miniprogram/core/account-rules';
import type { AccountActions } from '../../../miniprogram/core/api/account';
import { boolean, object, oneOf, optional } from '../../../miniprogram/core/validate';
import { consumeCode, sendCode } from '../../../server/accounts/codes';
import { linkWeChat } from '../../../server/accounts/linking';
import { LoginDelay } from '../../../server/accounts/login-delay';
import { decoyHash, hashPassword, verifyPassword } from '../../../server/accounts/passwords';
import { profileOf } from '../../../server/accounts/profile';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { createFunction, type ActionContext } from '../../../server/router';
import { UserRepository, type User } from '../../../server/users';

/**
 * 账号 (R1–R5): WeChat one-tap login, registration by phone + SMS code, password login by account
 * ID / phone / email, logout, reset by SMS code, change password. A WeChat identity and an account
 * are linked one-to-one, so either way in reaches the same user (server/accounts/linking.ts).
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

  sendCode: {
    mutating: true,
    input: object({ phone, purpose: oneOf(['register', 'reset'] as const, '验证码用途') }),
    async run(context, input) {
      const registered = await new UserRepository().byLogin('phone', input.phone);
      if (input.purpose === 'register' && registered) throw new AppError('CONFLICT', '该手机号已注册，请直接登录');
      if (input.purpose === 'reset' && !registered) throw new AppError('NOT_FOUND', '该手机号未注册');
      return sendCode(input.phone, input.purpose, {
        openid: context.caller.openid,
        clientIp: context.caller.clientIp,
        now: context.now,
      });
    },
  },

  register: {
    mutating: true,
    input: object({ phone, code: smsCode, password, email: optional(email) }),
    async run(context, input) {
      const users = new UserRepository();
      const me = await context.user();
      if (me.phone) throw new AppError('CONFLICT', '当前微信已登录账号，请先退出登录');
      if (await users.byLogin('phone', input.phone)) throw new AppError('CONFLICT', '该手机号已注册，请直接登录');
      const mail = input.email?.toLowerCase();
      if (mail && (await users.byLogin('email', mail))) throw new AppError('CONFLICT', '该邮箱已被使用');
      await consumeCode(input.phone, 'register', input.code, context.now);
      const account = {
        phone: input.phone,
        ...(mail ? { email: mail } : {}),
        passwordHash: await hashPassword(input.password),
        registeredAt: context.now,
        passwordChangedAt: context.now,
        updatedAt: context.now,
      };
      const accountId = await assignAccountId(users, me._id, account);
      return { profile: profileOf({ ...me, ...account, accountId }) };
    },
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
    async run(context) {
      const users = new UserRepository();
      const me = await users.byOpenid(context.caller.openid);
      if (me?.phone) await users.update(me._id, { openid: users.command().remove(), updatedAt: context.now });
      return { profile: profileOf(null) };
    },
  },

  resetPassword: {
    mutating: true,
    input: object({ phone, code: smsCode, password }),
    async run(context, input) {
      const users = new UserRepository();
      const account = await users.byLogin('phone', input.phone);
      if (!account) throw new AppError('NOT_FOUND', '该手机号未注册');
      await consumeCode(input.phone, 'reset', input.code, context.now);
      await users.update(account._id, {
        passwordHash: await hashPassword(input.password),
        passwordChangedAt: context.now,
        updatedAt: context.now,
        // a reset ends the account's session on any other WeChat: whoever had the old password is out
        ...(account.openid && account.openid !== context.caller.openid ? { openid: users.command().remove() } : {}),
      });
      return { done: true as const };
    },
  },

  changePassword: {
    mutating: true,
    input: object({ oldPassword: passwordAttempt, newPassword: password }),
    async run(context, input) {
      const users = new UserRepository();
      const me = await users.byOpenid(context.caller.openid);
      if (!me?.phone || !me.passwordHash) throw new AppError('UNAUTHENTICATED', '请先登录账号');
      const delay = new LoginDelay(me._id, context.caller.openid);
      await delay.refuseIfWaiting(context.now);
      if (!(await verifyPassword(input.oldPassword, me.passwordHash))) {
        await delay.recordFailure(context.now);
        throw new AppError('CREDENTIALS_INVALID', '原密码错误');
      }
      await delay.clear();
      // the link is one-to-one, so the caller's is the account's only session: nothing else to end
      await users.update(me._id, {
        passwordHash: await hashPassword(input.newPassword),
        passwordChangedAt: context.now,
        updatedAt: context.now,
      });
      return { done: true as const };
    },
  },
});

/**
 * The account behind a login name and password, or CREDENTIALS_INVALID — the same answer, after
 * the same scrypt work, whether the account does not exist or the password is wrong.
 */
async function authenticate(context: ActionContext, name: string, attempt: string): Promise<User> {
  const kind = loginKind(name);
  const account = kind ? await new UserRepository().byLogin(kind, name) : null;
  const delay = new LoginDelay(account?._id ?? `unknown:${name}`, context.caller.openid);
  await delay.refuseIfWaiting(context.now);
  const matches = await verifyPassword(attempt, account?.passwordHash ?? (await decoyHash()));
  if (!account?.passwordHash || !matches) {
    await delay.recordFailure(context.now);
    throw new AppError('CREDENTIALS_INVALID');
  }
  await delay.clear();
  return account;
}

/**
 * Writes the account onto the user with a fresh 8-digit account ID. The unique indexes on phone,
 * email and accountId settle races: a clash on the ID draws another; a clash on phone or email
 * means someone registered it a moment ago.
 */
async function assignAccountId(users: UserRepository, userId: string, account: object): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const accountId = String(randomInt(10_000_000, 100_000_000));
    try {
      await users.update(userId, { ...account, accountId });
      return accountId;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (!/accountId/.test(String((error as { errMsg?: string }).errMsg ?? error))) {
        throw new AppError('CONFLICT', '该手机号或邮箱已注册，请直接登录');
      }
    }
  }
  throw new AppError('INTERNAL');
}
