import type { User } from '../people/users';

/** What a registration knows once its keys are claimed and its password hashed (passwords.ts). */
export interface AccountDetails {
  phone: string;
  /** already lower-cased: the key and the login lookup use that spelling */
  email?: string;
  accountId: string;
  passwordHash: string;
  /** the edition of 用户协议 and 隐私政策 the person agreed to (core/consent.ts) */
  consentEdition: string;
  now: Date;
  /** the registering request's mark, when it had one (idempotency) */
  registeredBy?: string;
}

/**
 * The fields registering adds to a user, which make it an account. A builder without a database, so the demo
 * loader (demo/data.ts) writes its people's accounts exactly as registering does.
 */
export function accountFields(details: AccountDetails): Partial<User> {
  const { phone, email, accountId, passwordHash, consentEdition, now, registeredBy } = details;
  return {
    phone,
    ...(email ? { email } : {}),
    accountId,
    passwordHash,
    // the edition the form showed, and the server's time: what the operator can show a regulator
    consent: { edition: consentEdition, agreedAt: now },
    registeredAt: now,
    ...(registeredBy ? { registeredBy } : {}),
    passwordChangedAt: now,
    updatedAt: now,
  };
}
