import type { Role } from '../miniprogram/core/roles';
import { isDuplicateKey } from './errors';
import { Repository, type Stored } from './repository';

/**
 * A person using the app. Created on their first call from WeChat (a WeChat user); registering
 * adds an account (phone, password, account ID) to the same document, so everything the WeChat
 * user did stays theirs.
 */
export interface User extends Stored {
  /** the WeChat identity linked to this user, one-to-one; absent after logging out */
  openid?: string;
  name?: string;
  /** 8-digit 通行 account ID, assigned at registration */
  accountId?: string;
  /** the account's phone (unique); an account exists exactly when this is set */
  phone?: string;
  email?: string;
  passwordHash?: string;
  registeredAt?: Date;
  passwordChangedAt?: Date;
  /** 当前场区: the site the home page shows, chosen by the user */
  currentSiteId?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A role at a site. Residents belong to a house there. */
export interface Membership extends Stored {
  userId: string;
  siteId: string;
  role: Role;
  houseId?: string;
  status: 'active' | 'revoked';
  createdAt: Date;
}

export class UserRepository extends Repository<User> {
  constructor() {
    super('users');
  }

  byOpenid(openid: string): Promise<User | null> {
    return this.findOne({ openid });
  }

  /** The account a login name names: account ID, phone or email. */
  byLogin(kind: 'accountId' | 'phone' | 'email', value: string): Promise<User | null> {
    return this.findOne({ [kind]: kind === 'email' ? value.toLowerCase() : value });
  }

  /**
   * The user behind a WeChat identity, created on first use. Two first calls at once both try to
   * insert; the unique index on `openid` lets one in, and the other reads what it wrote.
   */
  async ensureForOpenid(openid: string, now: Date): Promise<User> {
    const existing = await this.byOpenid(openid);
    if (existing) return existing;
    const fresh = { openid, createdAt: now, updatedAt: now };
    try {
      return { ...fresh, _id: await this.insert(fresh) };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.byOpenid(openid);
      if (!winner) throw error;
      return winner;
    }
  }
}

export class MembershipRepository extends Repository<Membership> {
  constructor() {
    super('memberships');
  }

  /** The user's active roles at one site. */
  activeAt(userId: string, siteId: string): Promise<Membership[]> {
    return this.find({ userId, siteId, status: 'active' }, { limit: 20 });
  }
}
