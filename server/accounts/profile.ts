import type { Profile } from '../../miniprogram/core/api/account';
import type { User } from '../people/users';

/** What the app shows of a user: the phone masked even to its owner's screen (138****8000). */
export function profileOf(user: User | null): Profile {
  if (!user?.phone) return { hasAccount: false, ...(user?.name ? { name: user.name } : {}) };
  return {
    hasAccount: true,
    accountId: user.accountId,
    maskedPhone: maskPhone(user.phone),
    ...(user.email ? { email: user.email } : {}),
    ...(user.name ? { name: user.name } : {}),
  };
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
