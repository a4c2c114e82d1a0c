import { randomInt } from 'node:crypto';
import { loginKind } from '../../miniprogram/core/account-rules';
import type {
  ChangePasswordRequest,
  RegisterRequest,
  ResetPasswordRequest,
  SendCodeRequest,
} from '../../miniprogram/core/api/account';
import { UserKeys, type UserKeyKind } from '../people/user-keys';
import { UserRepository, type User } from '../people/users';
import { AppError } from '../platform/errors';
import { requestToken } from '../platform/idempotency';
import type { ActionContext } from '../platform/router';
import { LoginDelay } from './login-delay';
import { accountFields } from './new-account';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { profileOf } from './profile';
import { consumeCode, sendCode as sendSmsCode } from './sms-codes';

/**
 * 账号 (R1–R5): registration by phone + SMS code, password login by account ID / phone / email,
 * reset by SMS code, change password — what the `account` function's actions do.
 */

/** 获取验证码 for registering or resetting: refused early when the phone's state already answers. */
export async function sendCode(context: ActionContext, input: Omit<SendCodeRequest, 'requestId'>) {
  const registered = await new UserRepository().byLogin('phone', input.phone);
  if (input.purpose === 'register' && registered) throw new AppError('CONFLICT', '该手机号已注册，请直接登录');
  if (input.purpose === 'reset' && !registered) throw new AppError('NOT_FOUND', '该手机号未注册');
  return sendSmsCode(input.phone, input.purpose, {
    openid: context.caller.openid,
    clientIp: context.caller.clientIp,
    now: context.now,
  });
}

/**
 * 注册 (R2): the caller's WeChat user becomes an account with a phone, a password and an 8-digit ID, and the
 * agreement to the 用户协议 and 隐私政策 it was made under (the router refuses a request without it).
 */
export async function register(context: ActionContext, input: Omit<RegisterRequest, 'requestId'>) {
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
  const takenBy = async (kind: UserKeyKind, value: string) => ((await keys.owner(kind, value)) ?? me._id) !== me._id;
  if (await takenBy('phone', input.phone)) throw new AppError('CONFLICT', '该手机号已注册，请直接登录');
  if (mail && (await takenBy('email', mail))) throw new AppError('CONFLICT', '该邮箱已被使用');
  await consumeCode(input.phone, 'register', input.code, context.now, registeredBy);
  const unique: Array<[UserKeyKind, string]> = [['phone', input.phone]];
  if (mail) unique.push(['email', mail]);
  await keys.claimAll(unique, me._id, context.now, '该手机号或邮箱已注册，请直接登录');
  const accountId = await claimAccountId(keys, me._id, context.now);
  const passwordHash = await hashPassword(input.password);
  const account = accountFields({
    phone: input.phone,
    email: mail,
    accountId,
    passwordHash,
    consentEdition: input.consent.edition,
    now: context.now,
    registeredBy,
  });
  await users.update(me._id, account);
  return { profile: profileOf({ ...me, ...account }) };
}

/** 忘记密码 (R4): a new password by SMS code; the account's session on any other WeChat ends. */
export async function resetPassword(context: ActionContext, input: Omit<ResetPasswordRequest, 'requestId'>) {
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
}

/** 修改密码 (R5): the old password, checked under the login delay, for a new one. */
export async function changePassword(context: ActionContext, input: Omit<ChangePasswordRequest, 'requestId'>) {
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
}

/** 退出登录 (R3): the WeChat identity is unlinked from the account; a WeChat user without one is left as is. */
export async function logout(context: ActionContext) {
  const users = new UserRepository();
  const me = await users.byOpenid(context.caller.openid);
  if (me?.phone) {
    await new UserKeys().release('openid', context.caller.openid, me._id);
    await users.update(me._id, { openid: users.command().remove(), updatedAt: context.now });
  }
  return { profile: profileOf(null) };
}

/**
 * The account behind a login name and password, or CREDENTIALS_INVALID — the same answer, after
 * the same scrypt work, whether the account does not exist or the password is wrong.
 */
export async function authenticate(context: ActionContext, name: string, attempt: string): Promise<User> {
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
