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
import { consumeCode, sendCode } from '../../../server/accounts/sms-codes';
import { linkWeChat } from '../../../server/accounts/linking';
import { LoginDelay } from '../../../server/accounts/login-delay';
import { decoyHash, hashPassword, verifyPassword } from '../../../server/accounts/passwords';
import { profileOf } from '../../../server/accounts/profile';
import { AppError } from '../../../server/platform/errors';
import { requestToken } from '../../../server/platform/idempotency';
import { createFunction, type ActionContext } from '../../../server/platform/router';
import { UserKeys, type UserKeyKind } from '../../../server/people/user-keys';
import { UserRepository, type User } from '../../../server/people/users';

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
      const keys = new UserKeys();
      const me = await context.user();
      // the request's own mark: a retry whose first run registered (its answer lost) answers the same
      const registeredBy = requestToken('account.register', context);
      if (me.phone && registeredBy && me.registeredBy === registeredBy) return { profile: profileOf(me) };
      if (me.phone) throw new AppError('CONFLICT', '当前微信已登录账号，请先退出登录');
      const mail = input.email?.toLowerCase();
      // refuse before using up the code when the answer is already known (keys this user holds are
      // a first run's, stopped part-way)
      const takenBy = async (kind: UserKeyKind, value: string) =>
        ((await keys.owner(kind, value)) ?? me._id) !== me._id;
      if (await takenBy('phone', input.phone)) throw new AppError('CONFLICT', '该手机号已注册，请直接登录');
      if (mail && (await takenBy('email', mail))) throw new AppError('CONFLICT', '该邮箱已被使用');
      await consumeCode(input.phone, 'register', input.code, context.now, registeredBy);
      const unique: Array<[UserKeyKind, string]> = [['phone', input.phone]];
      if (mail) unique.push(['email', mail]);
      await keys.claimAll(unique, me._id, context.now, '该手机号或邮箱已注册，请直接登录');
      const accountId = await claimAccountId(keys, me._id, context.now);
      const account = {
        phone: input.phone,
        ...(mail ? { email: mail } : {}),
        accountId,
        passwordHash: await hashPassword(input.password),
        registeredAt: context.now,
        ...(registeredBy ? { registeredBy } : {}),
        passwordChangedAt: context.now,
        updatedAt: context.now,
      };
      await users.update(me._id, account);
      return { profile: profileOf({ ...me, ...account }) };
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
      if (me?.phone) {
        await new UserKeys().release('openid', context.caller.openid, me._id);
        await users.update(me._id, { openid: users.command().remove(), updatedAt: context.now });
      }
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
      // a retry of a reset whose answer was lost finds the code used by itself and sets the same password again
      await consumeCode(input.phone, 'reset', input.code, context.now, requestToken('account.resetPassword', context));
      const signedInElsewhere = account.openid && account.openid !== context.caller.openid ? account.openid : undefined;
      if (signedInElsewhere) await new UserKeys().release('openid', signedInElsewhere, account._id);
      await users.update(account._id, {
        passwordHash: await hashPassword(input.password),
        passwordChangedAt: context.now,
        updatedAt: context.now,
        // a reset ends the account's session on any other WeChat: whoever had the old password is out
        ...(signedInElsewhere ? { openid: users.command().remove() } : {}),
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
      // claimed (and counted as a failure) before the check, so parallel guesses cannot outrun the delay
      await delay.claimAttempt(context.now);
      if (!(await verifyPassword(input.oldPassword, me.passwordHash))) {
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
  // claimed (and counted as a failure) before the check, so parallel guesses cannot outrun the delay
  await delay.claimAttempt(context.now);
  const matches = await verifyPassword(attempt, account?.passwordHash ?? (await decoyHash()));
  if (!account?.passwordHash || !matches) throw new AppError('CREDENTIALS_INVALID');
  await delay.clear();
  return account;
}

/** A fresh 8-digit account ID, claimed for the user (a clash, one in tens of millions, draws again). */
async function claimAccountId(keys: UserKeys, userId: string, now: Date): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const accountId = String(randomInt(10_000_000, 100_000_000));
    if (await keys.claim('accountId', accountId, userId, now)) return accountId;
  }
  throw new Error('no free account ID after 5 draws');
}
