/**
 * The `account` function (账号) for pages, plus the signed-in profile remembered on the phone so 我的 can paint
 * at once on the next launch; whatever the function answers replaces the remembered one.
 */
import type { CodePurpose } from '../core/account-rules';
import type {
  AccountActions,
  ChangePasswordRequest,
  LoginResponse,
  Profile,
  RegisterRequest,
  ResetPasswordRequest,
  SendCodeResponse,
  UpdateProfileRequest,
} from '../core/api/account';
import type { Envelope } from '../core/envelope';
import { cloudFunction } from './cloud';

const account = cloudFunction<AccountActions>('account');

/** Where the phone keeps the last profile the function confirmed; renaming it makes every phone forget it once. */
export const REMEMBERED_PROFILE_KEY = 'account.profile';

type ProfileAnswer = Envelope<{ profile: Profile }>;

/** WeChat one-tap login (微信一键登录): whoever this WeChat is, made a user if new. */
export function wechatLogin(): Promise<ProfileAnswer> {
  return remembering(account.query('wechatLogin', {}));
}

/** Who is signed in on this WeChat, as the function sees it now. */
export function loadProfile(): Promise<ProfileAnswer> {
  return remembering(account.query('profile', {}));
}

/** 头像昵称: the nickname and/or the avatar's cloud file ID. */
export function updateProfile(request: Omit<UpdateProfileRequest, 'requestId'>): Promise<ProfileAnswer> {
  return remembering(account.mutate('updateProfile', request));
}

export function sendCode(
  phone: string,
  purpose: Exclude<CodePurpose, 'cardBinding' | 'deleteAccount'>,
): Promise<Envelope<SendCodeResponse>> {
  return account.mutate('sendCode', { phone, purpose });
}

export function register(request: Omit<RegisterRequest, 'requestId'>): Promise<ProfileAnswer> {
  return remembering(account.mutate('register', request));
}

/**
 * Password login by account ID, phone or email. `needsConfirmation` (the account is linked to another WeChat)
 * changed nothing: the page asks, then calls again with `confirmMove`.
 */
export async function login(
  loginName: string,
  password: string,
  confirmMove = false,
): Promise<Envelope<LoginResponse>> {
  const answer = await account.mutate('login', { loginName, password, ...(confirmMove ? { confirmMove } : {}) });
  if (answer.ok && !answer.data.needsConfirmation) remember(answer.data.profile);
  return answer;
}

export function logout(): Promise<ProfileAnswer> {
  return remembering(account.mutate('logout', {}));
}

export function resetPassword(request: Omit<ResetPasswordRequest, 'requestId'>): Promise<Envelope<{ done: true }>> {
  return account.mutate('resetPassword', request);
}

export function changePassword(request: Omit<ChangePasswordRequest, 'requestId'>): Promise<Envelope<{ done: true }>> {
  return account.mutate('changePassword', request);
}

/** 注销账号, step 1: a code to the account's own phone; the answer says which, masked. */
export function sendDeletionCode(): Promise<Envelope<SendCodeResponse & { phone: string }>> {
  return account.mutate('sendDeletionCode', {});
}

/**
 * 注销账号: erases the account and the person's data (docs/api.md). On success this phone forgets everything it
 * kept of them too (profile, current site, drafts): the WeChat starts afresh, as the function now sees it.
 */
export async function deleteAccount(code?: string): Promise<Envelope<{ deleted: true }>> {
  const answer = await account.mutate('deleteAccount', code ? { code } : {});
  if (answer.ok) {
    try {
      wx.clearStorageSync();
    } catch (error) {
      console.warn('could not clear the phone’s storage', error);
    }
  }
  return answer;
}

/** The profile last confirmed by the function on this phone, or null before the first answer. */
export function rememberedProfile(): Profile | null {
  try {
    const value: unknown = wx.getStorageSync(REMEMBERED_PROFILE_KEY);
    return isProfile(value) ? value : null;
  } catch {
    return null;
  }
}

async function remembering(pending: Promise<ProfileAnswer>): Promise<ProfileAnswer> {
  const answer = await pending;
  if (answer.ok) remember(answer.data.profile);
  return answer;
}

/** Storage is only a head start for the next launch: when it is full or refused, the function still knows. */
function remember(profile: Profile): void {
  try {
    wx.setStorageSync(REMEMBERED_PROFILE_KEY, profile);
  } catch (error) {
    console.warn('could not remember the profile', error);
  }
}

/** Storage may hold what an older version of the app wrote: only a well-formed profile counts. */
function isProfile(value: unknown): value is Profile {
  if (typeof value !== 'object' || value === null) return false;
  const { hasAccount, accountId, maskedPhone, email, name, nickname, avatarFileId } = value as Record<string, unknown>;
  return (
    typeof hasAccount === 'boolean' && [accountId, maskedPhone, email, name, nickname, avatarFileId].every(optionalText)
  );
}

function optionalText(field: unknown): boolean {
  return field === undefined || typeof field === 'string';
}
