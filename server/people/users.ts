import type { ConsentRecord } from '../../miniprogram/core/consent';
import type { Role } from '../../miniprogram/core/roles';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Repository, type Stored } from '../platform/repository';
import { UserKeys } from './user-keys';

/**
 * A person using the app. Created on their first call from WeChat (a WeChat user); registering
 * adds an account (phone, password, account ID) to the same document, so everything the WeChat
 * user did stays theirs.
 */
export interface User extends Stored {
  /** the WeChat identity linked to this user, one-to-one; absent after logging out */
  openid?: string;
  /** the name the property registered (张伟): what guards read at the gate */
  name?: string;
  /** 昵称 and 头像 (a cloud file ID) the person chose through WeChat's 头像昵称填写 */
  nickname?: string;
  avatarFileId?: string;
  /** 8-digit 通行 account ID, assigned at registration */
  accountId?: string;
  /** the account's phone (unique); an account exists exactly when this is set */
  phone?: string;
  email?: string;
  passwordHash?: string;
  registeredAt?: Date;
  /** 用户协议 and 隐私政策: the edition agreed to when registering, and when */
  consent?: ConsentRecord;
  /** the request that registered it (a hash), so that request's retry is answered as the first time */
  registeredBy?: string;
  passwordChangedAt?: Date;
  /**
   * 身份证 registered at the gate or by the resident (P4): AES-GCM sealed, a keyed hash for lookups,
   * and the masked form that is all anyone else ever sees
   */
  idNumber?: { sealed: string; hash: string; masked: string; registeredAt: Date };
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
  /** a staff role taken back (工作人员, X2): when, and by which administrator */
  revokedAt?: Date;
  revokedBy?: string;
  /** a resident's passes taken back by an administrator (收回通行证, X4) until lifted: server/passes/active-passes.ts */
  passRevoked?: PassRevocation;
  /** an observer's (观察员, P11) details as the administrator entered them: server/people/observers.ts */
  observer?: ObserverDetails;
}

/** Who an observer is (as the administrator entered it) and until when their right holds (absent: until revoked). */
export interface ObserverDetails {
  name: string;
  phone: string;
  /** 街道办 / 派出所 … */
  organisation: string;
  expiresAt?: Date;
}

/** Who took a pass back, and when (收回通行证, X4). */
export interface PassRevocation {
  at: Date;
  byId: string;
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
   * The user behind a WeChat identity, created on first use. The id is drawn first and the
   * `openid` key claimed for it (server/people/user-keys.ts); of two first calls at once, the one that
   * loses the claim waits for the winner's user instead of making a second.
   */
  async ensureForOpenid(openid: string, now: Date): Promise<User> {
    const existing = await this.byOpenid(openid);
    if (existing) return existing;
    const keys = new UserKeys();
    const id = randomBytes(16).toString('hex');
    if (await keys.claim('openid', openid, id, now)) {
      const fresh = { _id: id, openid, createdAt: now, updatedAt: now };
      await this.insert(fresh);
      return fresh;
    }
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const owner = await keys.owner('openid', openid);
      const user = owner ? await this.get(owner) : null;
      if (user) return user;
      await sleep(100);
    }
    throw new Error(`the user claiming openid ${openid} never appeared`);
  }
}

/** The membership holds now: active, and for an observer not past their last day. */
export function inForce(membership: Membership, now: Date): boolean {
  if (membership.status !== 'active') return false;
  const ends = membership.observer?.expiresAt;
  return !ends || new Date(ends) > now;
}

export class MembershipRepository extends Repository<Membership> {
  constructor() {
    super('memberships');
  }

  /** Every active role of the user, at any site (a person holds a handful, never hundreds). */
  activeOf(userId: string): Promise<Membership[]> {
    return this.find({ userId, status: 'active' }, { limit: 100 });
  }

  /** The user's active roles at one site. */
  activeAt(userId: string, siteId: string): Promise<Membership[]> {
    return this.find({ userId, siteId, status: 'active' }, { limit: 20 });
  }
}
