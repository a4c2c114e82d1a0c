import { randomBytes } from 'node:crypto';
import {
  SPECIAL_INVITATION_LIFETIME_HOURS,
  SPECIAL_PHOTO_PATTERN,
  type SpecialMemberEdit,
  type SpecialMemberStatus,
  type SpecialMemberView,
} from '../../miniprogram/core/api/admin-special';
import { idNumberProblem, maskIdNumber } from '../../miniprogram/core/id-number';
import { nextShanghaiMidnight, SHANGHAI_OFFSET_MS } from '../../miniprogram/core/time';
import { maskPhone } from '../accounts/profile';
import { lookupHash, seal } from '../platform/crypto';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import { invitationHash, newInvitationCode, normaliseInvitationCode } from '../people/invitations';
import { visitorSettings, type Site } from '../sites/site';
import type { SpecialOrganisation } from './organisations';

/**
 * 成员 (P6): a person of an organisation, with a validity period, and optionally an ID number (sealed, masked, like a
 * visitor's) and an ID photo and face photo (private storage). The member binds their account by opening a
 * single-use invitation code; the code is kept only as a keyed hash, on the member itself, and the bind is a
 * conditional update from that hash, so of two binds at once exactly one wins.
 */
export interface SpecialMember extends Stored {
  organisationId: string;
  name: string;
  phone: string;
  /** YYYY-MM-DD, Asia/Shanghai, both days included */
  validFrom: string;
  validTo: string;
  idNumber?: { sealed: string; hash: string; masked: string };
  idPhotoFileId?: string;
  facePhotoFileId?: string;
  status: SpecialMemberStatus;
  /** the account bound through the invitation */
  userId?: string;
  boundAt?: Date;
  /** the open invitation, until it is used; at most one at a time */
  invitation?: { codeHash: string; expiresAt: Date };
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const MEMBERS_PAGE_SIZE = 20;

export class SpecialMemberRepository extends Repository<SpecialMember> {
  constructor() {
    super('specialMembers');
  }

  page(organisationIds: string[], page: number): Promise<SpecialMember[]> {
    if (organisationIds.length === 0) return Promise.resolve([]);
    return this.find(
      { organisationId: this.command().in(organisationIds) },
      { orderBy: [['createdAt', 'desc']], skip: (page - 1) * MEMBERS_PAGE_SIZE, limit: MEMBERS_PAGE_SIZE + 1 },
    );
  }

  boundTo(userId: string): Promise<SpecialMember[]> {
    return this.find({ userId }, { limit: 20 });
  }

  /**
   * Binds `userId` to the member the code was made for. Single use: the update is conditional on the code's hash
   * still being the member's open invitation, and it takes the invitation away; only its one winner is bound.
   */
  async bind(code: string, userId: string, now: Date): Promise<SpecialMember> {
    const codeHash = invitationHash(normaliseInvitationCode(code));
    const found = await this.findOne({ 'invitation.codeHash': codeHash });
    if (!found) throw new AppError('NOT_FOUND', '邀请码不正确或已使用');
    if (new Date(found.invitation?.expiresAt ?? 0) <= now)
      throw new AppError('NOT_FOUND', '邀请码已过期，请向物业重新索取');
    if (found.status !== 'active') throw new AppError('FORBIDDEN', '该专用通行证已停用，请联系物业');
    const won = await this.updateWhere(
      { _id: found._id, 'invitation.codeHash': codeHash },
      { invitation: this.command().remove(), userId, boundAt: now, updatedAt: now },
    );
    if (won !== 1) throw new AppError('CONFLICT', '该邀请码已被使用');
    return { ...found, userId, boundAt: now, invitation: undefined };
  }
}

/** A new invitation for a member: the code (shown once) and what the member keeps of it. */
export function newInvitation(now: Date): { code: string; invitation: NonNullable<SpecialMember['invitation']> } {
  const code = newInvitationCode();
  return {
    code,
    invitation: {
      codeHash: invitationHash(code),
      expiresAt: new Date(now.getTime() + SPECIAL_INVITATION_LIFETIME_HOURS * 3600_000),
    },
  };
}

/**
 * Where the member form uploads ID and face photos (wx.cloud.uploadFile's cloudPath prefix): the administrator's own
 * folder, the only one `memberFields` accepts files from (SPECIAL_PHOTO_PATTERN).
 */
export function specialPhotoFolder(openid: string): string {
  return `special/photos/${openid}/`;
}

export function newMemberId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A member's fields from the form, checked: the period in order, the ID number with its check digit (sealed with
 * the visitors' key, masked), photos only from the administrator's own upload folder, a face photo only where
 * `facePhotos` (facePhotosAllowed). A phone, ID number or photo left out of an edit keeps the one on file.
 */
export function memberFields(
  input: SpecialMemberEdit,
  uploaderOpenid: string,
  facePhotos: boolean,
): Pick<SpecialMember, 'organisationId' | 'name' | 'validFrom' | 'validTo'> &
  Partial<Pick<SpecialMember, 'phone' | 'idNumber' | 'idPhotoFileId' | 'facePhotoFileId'>> {
  if (input.validTo < input.validFrom) throw new AppError('INVALID_ARGUMENT', '有效期结束日期不能早于开始日期');
  if (input.idNumber) {
    const problem = idNumberProblem(input.idNumber);
    if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  }
  // a face is collected in the app only where the site has the platform's leave (docs/personal-data.md, Faces)
  if (input.facePhotoFileId && !facePhotos) {
    throw new AppError('INVALID_ARGUMENT', '本小区未开启在小程序内采集人脸，请勿上传人脸照片');
  }
  for (const fileId of [input.idPhotoFileId, input.facePhotoFileId]) {
    if (fileId && SPECIAL_PHOTO_PATTERN.exec(fileId)?.[1] !== uploaderOpenid) {
      throw new AppError('INVALID_ARGUMENT', '照片无效，请重新上传');
    }
  }
  return {
    organisationId: input.organisationId,
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    validFrom: input.validFrom,
    validTo: input.validTo,
    ...(input.idNumber
      ? {
          idNumber: {
            sealed: seal(input.idNumber, 'ID_NUMBER_KEY'),
            hash: lookupHash(input.idNumber, 'ID_NUMBER_HASH_KEY'),
            masked: maskIdNumber(input.idNumber),
          },
        }
      : {}),
    ...(input.idPhotoFileId ? { idPhotoFileId: input.idPhotoFileId } : {}),
    ...(input.facePhotoFileId ? { facePhotoFileId: input.facePhotoFileId } : {}),
  };
}

/** The instant a member's period starts: 00:00 of `validFrom` in Asia/Shanghai. */
export function validityStart(member: Pick<SpecialMember, 'validFrom'>): Date {
  return new Date(Date.parse(`${member.validFrom}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The instant a member's period ends: the Shanghai midnight after `validTo`. */
export function validityEnd(member: Pick<SpecialMember, 'validTo'>): Date {
  return nextShanghaiMidnight(new Date(Date.parse(`${member.validTo}T00:00:00Z`) - SHANGHAI_OFFSET_MS));
}

/**
 * Whether a member may pass at `siteId` now, by their own record and their organisation: the refusal, with the
 * words the holder and the guard read, or undefined. The issuer and the gate both ask this.
 */
export function memberRefusal(
  member: SpecialMember | undefined,
  organisation: SpecialOrganisation | undefined,
  siteId: string,
  now: Date,
): AppError | undefined {
  if (!member || !organisation) return new AppError('PASS_INVALID', '该专用通行证已不存在，请联系物业');
  if (member.status !== 'active') return new AppError('PASS_REVOKED', '该专用通行证已停用，请联系物业');
  if (!organisation.siteIds.includes(siteId)) return new AppError('PASS_INVALID', NOT_LINKED);
  if (now >= validityEnd(member)) return new AppError('PASS_EXPIRED', `专用通行证已于${member.validTo}到期`);
  if (now < validityStart(member)) return new AppError('PASS_INVALID', `专用通行证${member.validFrom}起生效`);
  return undefined;
}

/** What a 专用通行证 at a community its organisation does not serve is told. */
export const NOT_LINKED = '该专用通行证不能在本小区使用';

export function memberView(
  member: SpecialMember,
  organisation: SpecialOrganisation | undefined,
  now: Date,
): SpecialMemberView {
  const invitationOpen = member.invitation && new Date(member.invitation.expiresAt) > now;
  return {
    id: member._id,
    organisation: { id: member.organisationId, name: organisation?.name ?? '已删除的机构' },
    name: member.name,
    phone: member.phone ? maskPhone(member.phone) : '',
    validFrom: member.validFrom,
    validTo: member.validTo,
    ...(member.idNumber ? { maskedIdNumber: member.idNumber.masked } : {}),
    hasIdPhoto: Boolean(member.idPhotoFileId),
    hasFacePhoto: Boolean(member.facePhotoFileId),
    status: member.status,
    bound: Boolean(member.userId),
    ...(invitationOpen ? { invitationExpiresAt: new Date(member.invitation!.expiresAt).toISOString() } : {}),
    expired: now >= validityEnd(member),
  };
}

/**
 * Whether the member form may carry a 人脸照片 at this site: the same switch as the visitors' in-app 人脸登记
 * (`faceCapture: 'app'`), which an operator turns on once the platform has allowed the app to collect faces
 * (docs/personal-data.md, Faces). Off, the form shows no face tile and the function refuses a face photo.
 */
export function facePhotosAllowed(site: Site): boolean {
  return visitorSettings(site).faceCapture === 'app';
}
