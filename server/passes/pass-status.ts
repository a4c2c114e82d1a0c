import { RESIDENT_PASS_LIFETIME_S, type PassStatusResponse } from '../../miniprogram/core/api/pass';
import { database } from '../platform/cloud';
import { AppError } from '../platform/errors';
import type { User } from '../people/users';
import { issueRecordId, releaseRecordId, type AccessRecord } from './access-records';

/** How a gate with no name on its record is called on the resident's screen. */
const UNNAMED_GATE = '门岗';

/**
 * What became of a pass (home asks every 2 s while its code is on screen): used (where, when), expired, or still
 * good. Answered only to the pass's holder — to anyone else the pass does not exist, so ids cannot be probed.
 *
 * One database call, as light as the poll must be: the caller's user document with the pass's issue and
 * release records joined in by their fixed ids (access-records.ts). Nothing is written.
 */
export async function passStatus(openid: string, passId: string, now: Date): Promise<PassStatusResponse> {
  const { list } = await database()
    .collection('users')
    .aggregate()
    .match({ openid })
    .lookup({
      from: 'accessRecords',
      pipeline: [{ $match: { _id: { $in: [issueRecordId(passId), releaseRecordId(passId)] } } }],
      as: 'records',
    })
    .end<User & { records: AccessRecord[] }>();
  const found = list[0];
  const issued = found?.records.find((r) => r._id === issueRecordId(passId));
  if (!found || !issued || issued.userId !== found._id) throw new AppError('NOT_FOUND', '找不到这张通行证');

  const released = found.records.find((r) => r._id === releaseRecordId(passId));
  if (released) return { state: 'used', gate: released.gate ?? UNNAMED_GATE, at: new Date(released.at).toISOString() };
  // the issue record's time is the code's: it expires a lifetime after the whole second it was issued in
  const expiresAt = new Date((Math.floor(new Date(issued.at).getTime() / 1000) + RESIDENT_PASS_LIFETIME_S) * 1000);
  return now < expiresAt
    ? { state: 'valid', expiresAt: expiresAt.toISOString() }
    : { state: 'expired', expiresAt: expiresAt.toISOString() };
}
