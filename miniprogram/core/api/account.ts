import type { CodePurpose } from '../account-rules';
import type { ConsentInput } from '../consent';

/** The `account` cloud function: register, log in (WeChat or password), codes, passwords. */

/** What the app shows of the signed-in person; the phone is masked (138****8000). */
export interface Profile {
  /** false for a WeChat user who has not registered or logged in to an account */
  hasAccount: boolean;
  /** 8-digit 通行 account ID */
  accountId?: string;
  maskedPhone?: string;
  email?: string;
  /** the name the property registered (张伟), as guards see it */
  name?: string;
  /** 昵称 the person chose through WeChat's 头像昵称填写 */
  nickname?: string;
  /** 头像: a cloud file ID, shown as the image's src */
  avatarFileId?: string;
}

/** Changes what is given; at least one of the two. */
export interface UpdateProfileRequest {
  nickname?: string;
  avatarFileId?: string;
  requestId: string;
}

export interface SendCodeRequest {
  phone: string;
  purpose: Exclude<CodePurpose, 'cardBinding' | 'deleteAccount'>;
  requestId: string;
}

export interface SendCodeResponse {
  /** seconds before another code may be requested for this phone */
  resendAfter: number;
}

export interface RegisterRequest {
  phone: string;
  code: string;
  password: string;
  email?: string;
  /** 我已阅读并同意《用户协议》和《隐私政策》: the edition of the texts the person agreed to (core/consent.ts) */
  consent: ConsentInput;
  requestId: string;
}

export interface LoginRequest {
  /** account ID, phone or email */
  loginName: string;
  password: string;
  /** set after the app asked: this account is linked to another WeChat — move the link here */
  confirmMove?: boolean;
  requestId: string;
}

/**
 * `moved: false, needsConfirmation: true` when the account is linked to another WeChat identity
 * and the user has not confirmed moving it; nothing changed then.
 */
export type LoginResponse =
  { needsConfirmation: true; profile?: undefined } | { needsConfirmation: false; profile: Profile };

export interface ResetPasswordRequest {
  phone: string;
  code: string;
  password: string;
  requestId: string;
}

export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
  requestId: string;
}

export interface AccountActions {
  /**
   * WeChat one-tap login (R2): the profile of whoever this WeChat identity is. `hasAccount: false` means this
   * WeChat has no account: nothing was logged in, and the app offers 注册 or 绑定已有账号.
   */
  wechatLogin: { request: Record<string, never>; response: { profile: Profile } };
  profile: { request: Record<string, never>; response: { profile: Profile } };
  /** 头像昵称: stored on the WeChat user, account or not */
  updateProfile: { request: UpdateProfileRequest; response: { profile: Profile } };
  sendCode: { request: SendCodeRequest; response: SendCodeResponse };
  register: { request: RegisterRequest; response: { profile: Profile } };
  login: { request: LoginRequest; response: LoginResponse };
  /** unlinks this WeChat identity from its account; the app then shows the login page */
  logout: { request: { requestId: string }; response: { profile: Profile } };
  resetPassword: { request: ResetPasswordRequest; response: { done: true } };
  changePassword: { request: ChangePasswordRequest; response: { done: true } };
  /** 注销账号, step 1: a code to the account's own phone (the page knows it only masked) */
  sendDeletionCode: { request: { requestId: string }; response: SendCodeResponse & { phone: string } };
  /**
   * 注销账号 (X7): erases the caller's account and personal data everywhere (docs/personal-data.md); `code` is
   * required when the caller has an account (a phone), from `sendDeletionCode`. This WeChat starts afresh after.
   */
  deleteAccount: { request: { code?: string; requestId: string }; response: { deleted: true } };
}
