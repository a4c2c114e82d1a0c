import { randomBytes, randomInt } from 'node:crypto';
import {
  INVITATION_CODE_ALPHABET,
  INVITATION_CODE_LENGTH,
  INVITATION_LIFETIME_HOURS,
  type InvitationView,
  type StaffRole,
} from '../../miniprogram/core/api/admin-staff';
import { lookupHash } from '../platform/crypto';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import { SiteRepository } from '../sites/site';
import { giveObserverRole } from './observer-role';
import { giveRole } from './staff';
import type { Membership, ObserverDetails, User } from './users';

/**
 * 邀请码 (X2): an administrator makes a code for a role; the person it is given to opens it in the mini-program
 * and holds the role. The code is stored only as a keyed hash (INVITATION_HASH_KEY), like every other secret the
 * database holds, so reading the collection hands nobody a role. Single use: the accept is a conditional update
 * from `open`, and only the caller whose update changed the document gets the role.
 */
export interface Invitation extends Stored {
  siteId: string;
  role: StaffRole | 'observer';
  /** an observer's invitation (P11): who it is for, and until when their right holds */
  observer?: ObserverDetails;
  codeHash: string;
  status: 'open' | 'accepted' | 'revoked';
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedBy?: string;
  acceptedAt?: Date;
}

export class InvitationRepository extends Repository<Invitation> {
  constructor() {
    super('invitations');
  }

  /** Makes an invitation; the code is returned here and nowhere else. */
  async create(
    siteId: string,
    role: StaffRole | 'observer',
    createdBy: string,
    now: Date,
    observer?: ObserverDetails,
  ): Promise<{ invitation: Invitation; code: string }> {
    const code = newInvitationCode();
    const invitation: Invitation = {
      _id: randomBytes(16).toString('hex'),
      siteId,
      role,
      codeHash: invitationHash(code),
      status: 'open',
      createdBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_HOURS * 3600_000),
      ...(observer ? { observer } : {}),
    };
    await this.insert(invitation);
    return { invitation, code };
  }

  /** The site's invitations for `roles` still to be accepted. */
  open(siteId: string, now: Date, roles: ReadonlyArray<Invitation['role']>): Promise<Invitation[]> {
    const _ = this.command();
    return this.find(
      { siteId, role: _.in([...roles]), status: 'open', expiresAt: _.gt(now) },
      { orderBy: [['createdAt', 'desc']], limit: 50 },
    );
  }

  /** Withdraws an open invitation of the site; one already accepted or withdrawn is NOT_FOUND. */
  async revoke(siteId: string, invitationId: string, now: Date): Promise<void> {
    const changed = await this.updateWhere(
      { _id: invitationId, siteId, status: 'open' },
      { status: 'revoked', revokedAt: now },
    );
    if (changed === 0 && (await this.get(invitationId))?.siteId !== siteId) {
      throw new AppError('NOT_FOUND', '找不到这个邀请');
    }
  }

  /**
   * The invited person takes the role. Of two accepts at once, the one whose conditional update changed the
   * document wins; the other hears the code was used. A retry of the winner's own request is answered by the
   * router's stored answer (the action is mutating), never by accepting again.
   */
  async accept(code: string, user: User, now: Date): Promise<{ invitation: Invitation; membership: Membership }> {
    const found = await this.findOne({ codeHash: invitationHash(normaliseInvitationCode(code)) });
    if (!found || found.status === 'revoked') throw new AppError('NOT_FOUND', '邀请码不正确或已作废');
    if (found.status === 'accepted') throw new AppError('CONFLICT', '该邀请码已被使用');
    if (new Date(found.expiresAt) <= now) throw new AppError('NOT_FOUND', '邀请码已过期，请向物业重新索取');
    if (!(await new SiteRepository().get(found.siteId))) throw new AppError('NOT_FOUND', '该场区不存在');
    // an observer's code is for one phone: anyone else who saw it gets nothing, and the code stays good for them
    if (found.observer && found.observer.phone !== user.phone) {
      throw new AppError('FORBIDDEN', '该邀请码是发给另一个手机号的，请用物业登记的手机号登录后再试');
    }
    if (found.observer?.expiresAt && new Date(found.observer.expiresAt) <= now) {
      throw new AppError('NOT_FOUND', '观察员权限已到期，请向物业重新索取');
    }
    const won = await this.updateWhere(
      { _id: found._id, status: 'open' },
      { status: 'accepted', acceptedBy: user._id, acceptedAt: now },
    );
    if (won !== 1) throw new AppError('CONFLICT', '该邀请码已被使用');
    const membership = found.observer
      ? await giveObserverRole(found.siteId, user, found.observer, now)
      : await giveRole(found.siteId, user, found.role as StaffRole, now);
    return { invitation: found, membership };
  }
}

export function invitationView(invitation: Invitation): InvitationView {
  return {
    id: invitation._id,
    role: invitation.role as StaffRole,
    createdAt: new Date(invitation.createdAt).toISOString(),
    expiresAt: new Date(invitation.expiresAt).toISOString(),
  };
}

/** A fresh code (also a 专用通行证 member's, server/special-passes/members.ts). */
export function newInvitationCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i += 1)
    code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)];
  return code;
}

/** People type codes in lower case and with spaces; the code itself is upper case without them. */
export function normaliseInvitationCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function invitationHash(code: string): string {
  return lookupHash(code, 'INVITATION_HASH_KEY');
}
