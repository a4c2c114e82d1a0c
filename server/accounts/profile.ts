import type { Profile, UpdateProfileRequest } from '../../miniprogram/core/api/account';
import { AppError } from '../platform/errors';
import type { ActionContext } from '../platform/router';
import { UserRepository, type User } from '../people/users';

/** What the app shows of a user: the phone masked even to its owner's screen (138****8000). */
export function profileOf(user: User | null): Profile {
  const person = {
    ...(user?.name ? { name: user.name } : {}),
    ...(user?.nickname ? { nickname: user.nickname } : {}),
    ...(user?.avatarFileId ? { avatarFileId: user.avatarFileId } : {}),
  };
  if (!user?.phone) return { hasAccount: false, ...person };
  return {
    hasAccount: true,
    accountId: user.accountId,
    maskedPhone: maskPhone(user.phone),
    ...(user.email ? { email: user.email } : {}),
    ...person,
  };
}

/**
 * 头像昵称填写: the nickname and avatar are the WeChat user's own, account or not, so they are stored on the user
 * and follow an account to whichever WeChat logs in to it.
 */
export async function updateProfile(
  context: ActionContext,
  input: Omit<UpdateProfileRequest, 'requestId'>,
): Promise<{ profile: Profile }> {
  const patch = {
    ...(input.nickname ? { nickname: input.nickname } : {}),
    ...(input.avatarFileId ? { avatarFileId: input.avatarFileId } : {}),
  };
  if (Object.keys(patch).length === 0) throw new AppError('INVALID_ARGUMENT', '请选择头像或填写昵称');
  const user = await context.user();
  await new UserRepository().update(user._id, { ...patch, updatedAt: context.now });
  return { profile: profileOf({ ...user, ...patch }) };
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
