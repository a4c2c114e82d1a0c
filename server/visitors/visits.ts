import type { FaceState, VisitOrigin, VisitStatus } from '../../miniprogram/core/api/visitor';
import type { ConsentRecord } from '../../miniprogram/core/consent';
import type { PassRevocation } from '../people/users';
import { Repository, type Stored } from '../platform/repository';

/**
 * 访客预约: one visit, booked by its visitor or invited by a resident (the `visits` collection; indexes in
 * docs/database.json). Who may read it is fixed when it is made: the visitor, the host, the inviter and the approvers
 * (`approverIds`), each by user id.
 */
export interface VisitDocument extends Stored {
  siteId: string;
  /** the site's name when booked, so lists read without a second lookup */
  siteName: string;
  origin: VisitOrigin;
  status: VisitStatus;
  /** 受访人: the resident visited; `userId` and the house when a resident of the site has that phone */
  host: { name: string; phone: string; userId?: string; houseId?: string; houseLabel?: string };
  /** 来访人; `userId` when the visitor has used the app (a booking's author, or an invitee found by phone) */
  visitor: {
    name: string;
    phone: string;
    userId?: string;
    /** sealed and hashed as security.md says; after retention only `masked` is left */
    idNumber?: { sealed?: string; hash?: string; masked: string };
  };
  /** who made it: the visitor (a booking) or the inviting resident (an invitation) */
  bookedBy: string;
  inviterId?: string;
  /** who may decide it, fixed when it was made (docs/api.md: who approves) */
  approverIds: string[];
  purpose: string;
  startsAt: Date;
  endsAt: Date;
  plate?: string;
  companions?: number;
  company?: string;
  face: FaceState;
  /** the uploaded face photo (faceCapture `app`), until retention deletes it */
  faceFileId?: string;
  /** the 用户协议/隐私政策 edition agreed to before an ID number or a face was given */
  consent?: ConsentRecord;
  decision?: { at: Date; byId: string; by: string; reason?: string };
  /** the visitor pass, once approved: its id (the code is signed again from it when shown) */
  passId?: string;
  /** the pass taken back by an administrator (收回通行证, X4): refused at the gate from then on */
  passRevoked?: PassRevocation;
  /** the hash of the key an SMS link carries, by which a visitor without the app claims the visit (visitor-key.ts) */
  visitorKeyHash?: string;
  /** when retention deletes the ID number and the face photo (the visit's end + the site's retention days) */
  retainUntil: Date;
  purgedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** a page of a visitor's or an approver's list */
export const VISITS_PAGE = 20;

export class VisitRepository extends Repository<VisitDocument> {
  constructor() {
    super('visits');
  }

  /** The caller's own bookings and invitations, and invitations to them: newest first, one more than a page. */
  mine(userId: string, page: number): Promise<VisitDocument[]> {
    const _ = this.command();
    return this.find(_.or([{ bookedBy: userId }, { 'visitor.userId': userId }]), {
      orderBy: [['createdAt', 'desc']],
      skip: (page - 1) * VISITS_PAGE,
      limit: VISITS_PAGE + 1,
    });
  }

  /** Visits the user may decide, in one status, newest first. */
  forApprover(userId: string, status: VisitStatus | 'decided', skip: number, limit: number): Promise<VisitDocument[]> {
    const _ = this.command();
    return this.find(
      { approverIds: userId, status: status === 'decided' ? _.neq('pending') : status },
      { orderBy: [['createdAt', 'desc']], skip, limit },
    );
  }

  /** Visits whose ID number or face photo is due for deletion at `now`. */
  dueForRetention(now: Date, limit: number): Promise<VisitDocument[]> {
    const _ = this.command();
    return this.find({ retainUntil: _.lte(now), purgedAt: _.exists(false) }, { limit });
  }
}
