import type { Visit, VisitDetail } from '../../miniprogram/core/api/visitor';
import { AppError } from '../platform/errors';
import { faceUrl } from './face';
import { visitNotifications } from './notices';
import { visitorPassView } from './visitor-pass';
import type { VisitDocument } from './visits';

/** How the caller stands to a visit: the only people who may read it (anyone else: NOT_FOUND, nothing said). */
export interface VisitReader {
  visitor: boolean;
  host: boolean;
  inviter: boolean;
  approver: boolean;
}

export function readerOf(visit: VisitDocument, userId: string): VisitReader {
  return {
    visitor: visit.visitor.userId === userId || (visit.origin === 'booking' && visit.bookedBy === userId),
    host: visit.host.userId === userId,
    inviter: visit.inviterId === userId,
    approver: visit.approverIds.includes(userId),
  };
}

/** The visit when the user may read it; NOT_FOUND (the same words as for a visit that does not exist) otherwise. */
export function readable(visit: VisitDocument | null, userId: string): { visit: VisitDocument; reader: VisitReader } {
  const reader = visit ? readerOf(visit, userId) : undefined;
  if (!visit || !reader || !(reader.visitor || reader.host || reader.inviter || reader.approver)) {
    throw new AppError('NOT_FOUND', '该预约不存在');
  }
  return { visit, reader };
}

/** A visit in a list: ID number masked (only the masked form is ever read back), no delivery states. */
export function visitView(visit: VisitDocument): Visit {
  const { host, visitor } = visit;
  return {
    id: visit._id,
    origin: visit.origin,
    status: visit.status,
    site: { id: visit.siteId, name: visit.siteName },
    host: { name: host.name, phone: host.phone },
    visitor: {
      name: visitor.name,
      phone: visitor.phone,
      ...(visitor.idNumber ? { idNumber: visitor.idNumber.masked } : {}),
    },
    purpose: visit.purpose,
    startsAt: visit.startsAt.toISOString(),
    endsAt: visit.endsAt.toISOString(),
    createdAt: visit.createdAt.toISOString(),
    ...(visit.plate ? { plate: visit.plate } : {}),
    ...(visit.companions !== undefined ? { companions: visit.companions } : {}),
    ...(visit.company ? { company: visit.company } : {}),
    face: visit.face,
    ...(visit.decision
      ? {
          decision: {
            at: visit.decision.at.toISOString(),
            by: visit.decision.by,
            ...(visit.decision.reason ? { reason: visit.decision.reason } : {}),
          },
        }
      : {}),
    notifications: [],
  };
}

/** The visitor, or the resident who invited them, may withdraw a visit. */
export const mayCancel = (reader: VisitReader) => reader.visitor || reader.inviter;

/** One visit as `userId` may see it: the pass to its visitor and inviter, the face photo to its approvers. */
export async function visitDetail(visit: VisitDocument, reader: VisitReader, now: Date): Promise<VisitDetail> {
  const live = visit.status === 'pending' || visit.status === 'approved';
  const [notifications, pass, photo] = await Promise.all([
    visitNotifications(visit._id),
    reader.visitor || reader.inviter ? visitorPassView(visit, now) : undefined,
    reader.approver && visit.faceFileId ? faceUrl(visit.faceFileId) : undefined,
  ]);
  return {
    ...visitView(visit),
    notifications,
    canDecide: reader.approver && visit.status === 'pending',
    canCancel: mayCancel(reader) && live && now < visit.endsAt,
    ...(pass ? { pass } : {}),
    ...(photo ? { faceUrl: photo } : {}),
  };
}
