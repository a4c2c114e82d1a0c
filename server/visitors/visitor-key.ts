import { createHash, randomBytes } from 'node:crypto';
import type { VisitDocument } from './visits';
import { VisitRepository } from './visits';

/**
 * How a visitor without the app reaches their visit. The SMS link carries a key (`k=`) made for that visit; the visit
 * keeps only its hash. The first WeChat user to open the visit with the key becomes its visitor (the link went to the
 * visitor's phone); once claimed, the key opens it for no one else — a forwarded SMS shows a stranger nothing.
 * A visitor who booked the visit themselves is its visitor already and needs no key.
 */
export interface VisitorKey {
  key: string;
  hash: string;
}

export function newVisitorKey(): VisitorKey {
  const key = randomBytes(16).toString('hex');
  return { key, hash: keyHash(key) };
}

function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A visit a link's key opens for `userId`: claimed now (one claimer wins), or already theirs. */
export async function claimWithKey(visit: VisitDocument, key: string, userId: string): Promise<VisitDocument | null> {
  if (!visit.visitorKeyHash || visit.visitorKeyHash !== keyHash(key)) return null;
  if (visit.visitor.userId) return visit.visitor.userId === userId ? visit : null;
  const visits = new VisitRepository();
  const _ = visits.command();
  const claimed = await visits.updateWhere(
    { _id: visit._id, visitorKeyHash: visit.visitorKeyHash, 'visitor.userId': _.exists(false) },
    { 'visitor.userId': userId },
  );
  if (claimed === 1) return { ...visit, visitor: { ...visit.visitor, userId } };
  // taken meanwhile: by this very user (a second tap) it is theirs all the same
  const now = await visits.get(visit._id);
  return now?.visitor.userId === userId ? now : null;
}
