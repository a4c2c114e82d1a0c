import { hasControlCharacters, string, type Schema } from './validate';

/**
 * What an account's fields must look like: the register, login and reset forms check these as the
 * user types, and the `account` function checks the same before anything else.
 */

/** 11-digit mainland mobile number */
export const phone = string({
  label: '手机号',
  max: 11,
  pattern: /^1[3-9]\d{9}$/,
  patternMessage: '请输入11位手机号',
});

export const email = string({
  label: '邮箱',
  max: 64,
  pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  patternMessage: '邮箱格式不正确',
});

/** 6-digit SMS verification code */
export const smsCode = string({ label: '验证码', max: 6, pattern: /^\d{6}$/, patternMessage: '请输入6位数字验证码' });

/** What a login form's account field accepts: account ID, phone or email (told apart by `loginKind`). */
export const loginName = string({ label: '账号', max: 64 });

/** 昵称, as WeChat's 头像昵称填写 fills it (the platform checks its content; this checks only its size) */
export const nickname = string({ label: '昵称', max: 20 });

/**
 * 头像: a file ID of the app's cloud storage (cloud://env.bucket/avatars/…), never a web address the app would
 * then load from anywhere
 */
export const avatarFileId = string({
  label: '头像',
  max: 256,
  pattern: /^cloud:\/\/[\w.-]+\/avatars\/[\w./-]+$/,
  patternMessage: '头像须为上传到本应用云存储的图片',
});

/** 通行 account ID: 8 digits, assigned at registration */
export const ACCOUNT_ID_PATTERN = /^\d{8}$/;

export function loginKind(name: string): 'accountId' | 'phone' | 'email' | undefined {
  if (ACCOUNT_ID_PATTERN.test(name)) return 'accountId';
  if (phone.parse(name).ok) return 'phone';
  if (email.parse(name).ok) return 'email';
  return undefined;
}

/** The password rules, shown on the form as a list (each line ticks when met). */
export const PASSWORD_RULES: Array<{ text: string; test(password: string): boolean }> = [
  { text: '8到32个字符', test: (p) => p.length >= 8 && p.length <= 32 },
  { text: '包含字母', test: (p) => /[A-Za-z]/.test(p) },
  { text: '包含数字', test: (p) => /\d/.test(p) },
  { text: '不含空格', test: (p) => p.length > 0 && !/\s/.test(p) },
];

export const password: Schema<string> = {
  parse(value, path = '') {
    if (typeof value !== 'string' || value === '') return { ok: false, issues: [{ path, message: '请填写密码' }] };
    if (hasControlCharacters(value)) return { ok: false, issues: [{ path, message: '密码不能包含控制字符' }] };
    const unmet = PASSWORD_RULES.find((rule) => !rule.test(value));
    if (unmet) return { ok: false, issues: [{ path, message: `密码需${unmet.text}` }] };
    return { ok: true, value };
  },
};

/** A password as typed at login: any non-empty string up to 64 (the rules may have changed since it was set). */
export const passwordAttempt = string({ label: '密码', max: 64, trim: false });

/** What a verification code is for: a code sent for one purpose cannot be used for another. */
export const CODE_PURPOSES = ['register', 'reset', 'cardBinding', 'deleteAccount'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];
