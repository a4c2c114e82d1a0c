import type { VisitorPass } from '../../miniprogram/core/api/visitor';
import { AccessRecords, accessRecord, releaseRecordId, type Actor } from '../passes/access-records';
import { newPassId, signPass } from '../passes/pass-codes';
import type { TransactionScope } from '../platform/db-types';
import type { VisitDocument } from './visits';

/**
 * 访客通行证 (P8): single use, valid from the visit's start to its end. Signed as a TX2 code of type `visitor`
 * (nbf = start, exp = end), with its issue record — holder the visitor, house the host's — written in the
 * transaction that approves the visit, so a pass exists exactly when its visit was approved. The gate reads the
 * visit through the issue record's `visitId` and refuses the pass once the visit is cancelled (release.ts).
 */
export async function issueVisitorPass(
  tx: TransactionScope,
  visit: VisitDocument,
  actor: Actor,
  now: Date,
): Promise<string> {
  const passId = newPassId();
  const { _id, ...record } = accessRecord.issue({
    siteId: visit.siteId,
    at: now,
    actor,
    pass: { id: passId, type: 'visitor' },
    holder: { id: visit.visitor.userId ?? visitorHolderId(visit._id), name: visit.visitor.name },
    ...(visit.host.houseId ? { house: { id: visit.host.houseId, label: visit.host.houseLabel ?? '' } } : {}),
    visit: { id: visit._id, host: visit.host.name },
  });
  await tx.collection('accessRecords').doc(_id).set({ data: record });
  return passId;
}

/** How a visitor without an account is named as a pass holder: by their visit. */
export function visitorHolderId(visitId: string): string {
  return `visitor-${visitId}`;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** The pass as its visitor and inviter see it: the code (signed again, Ed25519 is deterministic) and its state. */
export async function visitorPassView(visit: VisitDocument, now: Date): Promise<VisitorPass | undefined> {
  if (!visit.passId || visit.status !== 'approved') return undefined;
  const code = signPass({
    typ: 'visitor',
    jti: visit.passId,
    site: visit.siteId,
    nbf: seconds(visit.startsAt),
    exp: seconds(visit.endsAt),
  });
  const released = await new AccessRecords().get(releaseRecordId(visit.passId));
  const state: VisitorPass['state'] = released
    ? 'used'
    : now >= visit.endsAt
      ? 'expired'
      : now < visit.startsAt
        ? 'notYet'
        : 'valid';
  return {
    passId: visit.passId,
    code,
    validFrom: visit.startsAt.toISOString(),
    expiresAt: visit.endsAt.toISOString(),
    state,
    ...(released ? { used: { gate: released.gate ?? '', at: released.at.toISOString() } } : {}),
  };
}
