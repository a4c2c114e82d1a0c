import { database } from '../platform/cloud';
import type { Device } from '../devices/qr-devices';
import type { Door } from '../devices/doors';
import { AppError } from '../platform/errors';
import type { House } from '../sites/house';
import type { Site } from '../sites/site';
import type { Membership, User } from '../people/users';
import { issueRecordId, releaseRecordId, type AccessRecord } from './access-records';
import type { PassClaims } from './pass-codes';
import type { ExitCounter } from './exit-quota';
import type { PassAtGate } from './release';
import type { VisitDocument } from '../visitors/visits';
import type { ExitSlip } from './exit-slips';
import type { SpecialMember } from '../special-passes/members';
import type { SpecialOrganisation } from '../special-passes/organisations';

/**
 * What a pass decision needs, read in ONE database call: an aggregation from the caller's user
 * document that joins in everything else. The gate is where residents wait, and every round trip
 * to the database is latency they feel (the benchmark counts them).
 */

/** The caller as a resident of `siteId` (or of their current site), with the site, house and live exit counters. */
export interface ResidentView {
  user: User;
  membership: Membership;
  site: Site;
  house: House;
  counters: ExitCounter[];
  /** the site's doors, for shake-to-open */
  doors: Door[];
  /** the access record asked for by id (an opening a retried request already made) */
  record: AccessRecord | undefined;
}

type UserWithResidence = User & {
  memberships: Membership[];
  houses: House[];
  sites: Site[];
  counters: ExitCounter[];
  doors: Door[];
  record: AccessRecord[];
};

export async function loadResident(
  openid: string,
  siteId: string | undefined,
  now: Date,
  recordId = '',
): Promise<ResidentView> {
  const { list } = await database()
    .collection('users')
    .aggregate()
    .match({ openid })
    .lookup({ from: 'memberships', localField: '_id', foreignField: 'userId', as: 'memberships' })
    .lookup({ from: 'houses', localField: 'memberships.houseId', foreignField: '_id', as: 'houses' })
    .lookup({ from: 'sites', localField: 'memberships.siteId', foreignField: '_id', as: 'sites' })
    .lookup({ from: 'doors', localField: 'memberships.siteId', foreignField: 'siteId', as: 'doors' })
    .lookup({
      from: 'exitCounters',
      let: { uid: '$_id', hids: '$memberships.houseId' },
      pipeline: [
        {
          $match: {
            $expr: {
              $and: [
                { $gt: ['$expiresAt', now] },
                { $or: [{ $eq: ['$userId', '$$uid'] }, { $in: ['$houseId', '$$hids'] }] },
              ],
            },
          },
        },
      ],
      as: 'counters',
    })
    .lookup({ from: 'accessRecords', pipeline: [{ $match: { _id: recordId } }], as: 'record' })
    .end<UserWithResidence>();
  const found = list[0];
  const wanted = siteId ?? found?.currentSiteId;
  if (!wanted) throw new AppError('INVALID_ARGUMENT', '请先选择场区');
  const membership = found?.memberships.find(
    (m) => m.siteId === wanted && m.role === 'resident' && m.status === 'active',
  );
  const site = found?.sites.find((s) => s._id === wanted);
  const house = found?.houses.find((h) => h._id === membership?.houseId);
  if (!found || !membership || !site || !house) throw new AppError('FORBIDDEN', '您还不是该场区的住户，请联系物业登记');
  const { memberships: _m, houses: _h, sites: _s, counters, doors, record, ...user } = found;
  return {
    user,
    membership,
    site,
    house,
    counters,
    record: record[0],
    doors: doors.filter((d) => d.siteId === site._id && d.status === 'active'),
  };
}

/** The counters still running at the site, each once (a counter of the holder's own house comes in twice). */
function liveCounters(counters: ExitCounter[], siteId: string, now: Date): ExitCounter[] {
  const live = counters.filter((c) => c.siteId === siteId && new Date(c.expiresAt) > now);
  return [...new Map(live.map((c) => [c._id, c])).values()];
}

/** The caller as staff at a site, everything about the pass being checked there, and the request's earlier outcome. */
export interface GateView {
  staff: User;
  staffRoles: Membership[];
  /** absent when the code did not check out: nothing of a forged code is looked up */
  pass: PassAtGate | undefined;
  /** the record this very request left before (a retry after a lost answer) */
  earlier: AccessRecord | undefined;
}

type PassJoins = {
  issued: AccessRecord[];
  site: Site[];
  holder: User[];
  holderRoles: Membership[];
  house: House[];
  holderCounters: ExitCounter[];
  houseCounters: ExitCounter[];
  released: AccessRecord[];
  visit: VisitDocument[];
  exitSlip: ExitSlip[];
  member: SpecialMember[];
  organisation: SpecialOrganisation[];
};

/**
 * The lookups that bring in everything about a pass: its issue record (a code names neither holder
 * nor house, pass-codes.ts), and through it the site, holder, house and live counters; and its
 * release record. Joined on the issue record's fields, so it is still one database call.
 */
function passLookups(claims: PassClaims) {
  return [
    { from: 'accessRecords', pipeline: [{ $match: { _id: issueRecordId(claims.jti) } }], as: 'issued' },
    { from: 'sites', localField: 'issued.siteId', foreignField: '_id', as: 'site' },
    { from: 'users', localField: 'issued.userId', foreignField: '_id', as: 'holder' },
    { from: 'memberships', localField: 'issued.userId', foreignField: 'userId', as: 'holderRoles' },
    { from: 'houses', localField: 'issued.houseId', foreignField: '_id', as: 'house' },
    // every counter of the holder and of the house, by the indexes that lead with userId and houseId; the live
    // ones at this site are picked in passOf. A lookup on live counters alone would read every site's.
    { from: 'exitCounters', localField: 'issued.userId', foreignField: 'userId', as: 'holderCounters' },
    { from: 'exitCounters', localField: 'issued.houseId', foreignField: 'houseId', as: 'houseCounters' },
    { from: 'accessRecords', pipeline: [{ $match: { _id: releaseRecordId(claims.jti) } }], as: 'released' },
    // a visitor pass's visit, by the issue record's visitId (a resident pass has none, and joins nothing)
    { from: 'visits', localField: 'issued.visitId', foreignField: '_id', as: 'visit' },
    // an exit slip's pass: the slip, by its pass id (only for that type, so no other pass pays for the lookup)
    ...(claims.typ === 'exitSlip'
      ? [{ from: 'exitSlips', pipeline: [{ $match: { passId: claims.jti } }], as: 'exitSlip' }]
      : []),
    // a 专用通行证's member and their organisation, by the issue record's memberId (other passes join nothing)
    { from: 'specialMembers', localField: 'issued.memberId', foreignField: '_id', as: 'member' },
    { from: 'specialOrganisations', localField: 'member.organisationId', foreignField: '_id', as: 'organisation' },
  ];
}

/**
 * Splits the pass's joins off an aggregation result. A pass is read only as issued for `siteId`: the
 * code's site reference is a hash, and the issue record is the word on which site it is.
 */
function passOf<T extends Partial<PassJoins>>(
  claims: PassClaims | undefined,
  found: T,
  siteId: string,
  now: Date,
): { pass: PassAtGate | undefined; rest: Omit<T, keyof PassJoins> } {
  const {
    issued,
    site,
    holder,
    holderRoles,
    house,
    holderCounters,
    houseCounters,
    released,
    visit,
    exitSlip,
    member,
    organisation,
    ...rest
  } = found;
  if (!claims) return { pass: undefined, rest };
  const issue = issued?.[0]?.siteId === siteId ? issued[0] : undefined;
  // the holder's active residence in the pass's house at this site: whether they live there, and whether the
  // property has revoked their passes (on that membership)
  const residence = issue
    ? holderRoles?.find(
        (m) => m.siteId === siteId && m.role === 'resident' && m.status === 'active' && m.houseId === issue.houseId,
      )
    : undefined;
  const pass: PassAtGate = {
    claims,
    ...(issue?.userId ? { holderId: issue.userId } : {}),
    site: issue && site?.[0],
    holder: issue && holder?.[0],
    holderIsResident: residence !== undefined,
    holderPassRevoked: residence?.passRevoked !== undefined,
    house: issue && house?.[0],
    counters: issue ? liveCounters([...(holderCounters ?? []), ...(houseCounters ?? [])], siteId, now) : [],
    released: released?.[0],
    visit: issue?.visitId ? visit?.find((v) => v._id === issue.visitId && v.siteId === siteId) : undefined,
    exitSlip: issue ? exitSlip?.find((slip) => slip.siteId === siteId) : undefined,
    ...(issue?.memberId ? specialOf(issue.memberId, member, organisation) : {}),
  };
  return { pass, rest };
}

function specialOf(
  memberId: string,
  members: SpecialMember[] | undefined,
  organisations: SpecialOrganisation[] | undefined,
): Pick<PassAtGate, 'member' | 'organisation'> {
  const member = members?.find((m) => m._id === memberId);
  const organisation = organisations?.find((o) => o._id === member?.organisationId);
  return { ...(member ? { member } : {}), ...(organisation ? { organisation } : {}) };
}

/**
 * The caller as staff at `siteId` and, when the code checked out (or was genuine but refused), its
 * pass — in one call. `requestRecord` is looked up too: a retried release finds its first refusal.
 */
export async function loadGate(
  openid: string,
  siteId: string,
  claims: PassClaims | undefined,
  now: Date,
  requestRecord = '',
): Promise<GateView> {
  let query = database()
    .collection('users')
    .aggregate()
    .match({ openid })
    .lookup({ from: 'memberships', localField: '_id', foreignField: 'userId', as: 'staffRoles' })
    .lookup({ from: 'accessRecords', pipeline: [{ $match: { _id: requestRecord } }], as: 'earlier' });
  for (const lookup of claims ? passLookups(claims) : []) query = query.lookup(lookup);
  const { list } = await query.end<User & Partial<PassJoins> & { staffRoles: Membership[]; earlier: AccessRecord[] }>();
  const found = list[0];
  if (!found) throw new AppError('FORBIDDEN', '您不是该场区的工作人员');
  const { pass, rest } = passOf(claims, found, siteId, now);
  const { staffRoles, earlier, ...staff } = rest;
  return {
    staff,
    staffRoles: staffRoles.filter((m) => m.siteId === siteId && m.status === 'active'),
    pass,
    earlier: earlier[0],
  };
}

/**
 * A QR door device, what its request left before (a refusal under the request's record id: a replay), its counter
 * for this minute (the burst limit) and, when the code is genuine, the pass it scanned: all in one call.
 */
export async function loadDevicePass(
  deviceId: string,
  claims: PassClaims | undefined,
  now: Date,
  request: { recordId: string; minuteCounterId: string },
): Promise<DevicePass> {
  let query = database()
    .collection('devices')
    .aggregate()
    .match({ _id: deviceId })
    .lookup({ from: 'accessRecords', pipeline: [{ $match: { _id: request.recordId } }], as: 'earlier' })
    .lookup({ from: 'rateCounters', pipeline: [{ $match: { _id: request.minuteCounterId } }], as: 'minuteCounter' });
  for (const lookup of claims ? passLookups(claims) : []) query = query.lookup(lookup);
  const { list } = await query.end<
    Device & Partial<PassJoins> & { earlier: AccessRecord[]; minuteCounter: Array<{ count: number }> }
  >();
  if (!list[0]) return { device: undefined, pass: undefined };
  const { pass, rest } = passOf(claims, list[0], list[0].siteId, now);
  const { earlier, minuteCounter, ...device } = rest;
  return { device, pass, earlier: earlier[0], minuteCounter: minuteCounter[0] };
}

export interface DevicePass {
  device: Device | undefined;
  pass: PassAtGate | undefined;
  /** the record this very request left before, when it was refused: it is being sent again */
  earlier?: AccessRecord;
  /** the device's request counter for this minute, when it has one */
  minuteCounter?: { count: number };
}
