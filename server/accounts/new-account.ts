import type { User } from '../people/users';

/** What a registration knows once its keys are claimed and its password hashed (passwords.ts). */
export interface AccountDetails {
  phone: string;
  /** already lower-cased: the key and the login lookup use that spelling */
  email?: string;
  accountId: string;
  passwordHash: string;
  now: Date;
  /** the registering request's mark, when it had one (idempotency) */
  registeredBy?: string;
}

/**
 * The fields registering adds to a user, which make it an account. A builder without a database, so the demo
 * loader (demo/data.ts) writes its people's accounts exactly as registering does.
 */
export function accountFields(details: AccountDetails): Partial<User> {
  const { phone, email, accountId, passwordHash, now, registeredBy } = details;
  return {
    phone,
    ...(email ? { email } : {}),
    accountId,
    passwordHash,
    registeredAt: now,
    ...(registeredBy ? { registeredBy } : {}),
    passwordChangedAt: now,
    updatedAt: now,
  };
}
