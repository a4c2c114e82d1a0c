import { createHash } from 'node:crypto';
import type { AccessRecordView } from '../../miniprogram/core/api/admin';
import type { PassType } from '../../miniprogram/core/api/gate';
import type { ErrorCode } from '../../miniprogram/core/errors';
import { AppError, isDuplicateKey } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';

/**
 * 出入记录 (P12): every pass issued, scanned, released or refused and every door opened, with who,
 * which pass, where, when, the temperature and the result. Administrators and observers read
 * them by site and time (indexes in docs/database.json). Names and houses are copied in, so a
 * record still reads right after someone moves out; ID numbers are never copied in.
 *
 * This module is the only writer: functions hand it facts (`RecordFacts`) and say what happened;
 * the builders below turn them into documents, so every pass type writes the same shape.
 */
export interface AccessRecord extends Stored {
  siteId: string;
  at: Date;
  kind: 'issue' | 'scan' | 'release' | 'refusal' | 'open';
  result: 'ok' | 'refused';
  reason?: ErrorCode;
  /** the refusal's words, as the person at the gate saw them */
  message?: string;
  passId?: string;
  passType?: PassType;
  /** whose pass, or who opened the door */
  userId?: string;
  holderName?: string;
  houseId?: string;
  house?: string;
  /** a visitor pass's visit (访客预约): the gate reads the booking's state through it */
  visitId?: string;
  /** a visitor pass's host (受访人), whose house `house` is */
  host?: string;
  /** a 专用通行证's member (server/special-passes): the gate reads the member's state through it */
  memberId?: string;
  /** a 专用通行证's organisation (机构), by name */
  organisation?: string;
  /** the gate's name (东门): the guard's, the device's, or the door opened */
  gate?: string;
  /** the door a shake opened */
  doorId?: string;
  direction: 'out' | 'in';
  temperature?: number;
  /** exits left in the period after an opening (null = unlimited): what the resident was told */
  exitsLeft?: number | null;
  /**
   * the first characters of a code that did not check out (forged, truncated, unreadable): enough to
   * tell two attempts apart, never the whole code
   */
  codePrefix?: string;
  /** who let them through: a guard (user id), a QR door device, or the resident's own phone */
  actor: Actor;
  /** the request that wrote it, so a retry is recognised */
  requestId?: string;
}

export type Actor = { kind: 'guard' | 'device' | 'resident'; id: string; name?: string };

/** What is known about one event at a gate, as far as it is known: where, when, who acted, whose pass. */
export interface RecordFacts {
  siteId: string;
  at: Date;
  actor: Actor;
  gate?: string;
  pass?: { id: string; type: PassType };
  /** the pass holder, or the resident opening a door; `name` absent when unknown */
  holder?: { id: string; name?: string };
  house?: { id: string; label: string };
  /** a visitor pass's visit and host */
  visit?: { id: string; host: string };
  /** a 专用通行证's member and organisation */
  special?: { memberId: string; organisation: string };
  requestId?: string;
}

/** How a holder with no name on file is called (a WeChat user who never gave one). */
export const UNNAMED_HOLDER = '住户';
/** Characters of an unreadable code kept in its refusal record. */
export const CODE_PREFIX_LENGTH = 12;

type NewRecord = Omit<AccessRecord, '_id'> & { _id?: string };

function fromFacts(facts: RecordFacts): Omit<AccessRecord, '_id' | 'kind' | 'result'> {
  const { pass, holder, house, visit, special } = facts;
  return {
    siteId: facts.siteId,
    at: facts.at,
    ...(pass ? { passId: pass.id, passType: pass.type } : {}),
    ...(holder ? { userId: holder.id, holderName: holder.name ?? UNNAMED_HOLDER } : {}),
    ...(house ? { houseId: house.id, house: house.label } : {}),
    ...(visit ? { visitId: visit.id, host: visit.host } : {}),
    ...(special ? { memberId: special.memberId, organisation: special.organisation } : {}),
    ...(facts.gate ? { gate: facts.gate } : {}),
    direction: 'out',
    actor: facts.actor,
    ...(facts.requestId ? { requestId: facts.requestId } : {}),
  };
}

/** The records of what can happen at a gate, one builder each. */
export const accessRecord = {
  /**
   * The issue of a pass, under a fixed id from the pass id: it is also the pass's server-side half,
   * where the gate finds whose pass it is and for which house (a code carries neither, pass-codes.ts).
   */
  issue: (facts: RecordFacts & { pass: { id: string; type: PassType } }): AccessRecord => ({
    _id: issueRecordId(facts.pass.id),
    ...fromFacts(facts),
    kind: 'issue',
    result: 'ok',
  }),

  scan: (facts: RecordFacts): NewRecord => ({ ...fromFacts(facts), kind: 'scan', result: 'ok' }),

  /** The release of a pass; its fixed id is what uses the pass up. */
  release: (facts: RecordFacts & { pass: { id: string; type: PassType } }, temperature?: number): AccessRecord => ({
    _id: releaseRecordId(facts.pass.id),
    ...fromFacts(facts),
    kind: 'release',
    result: 'ok',
    ...(temperature !== undefined ? { temperature } : {}),
  }),

  /** A door opened for a resident (shake to open), under the id of the request that opened it. */
  open: (facts: RecordFacts, id: string, door: { id: string }, exitsLeft: number | null): AccessRecord => ({
    _id: id,
    ...fromFacts(facts),
    kind: 'open',
    result: 'ok',
    passId: id,
    doorId: door.id,
    exitsLeft,
  }),

  refusal: (facts: RecordFacts, error: AppError, extra: { id?: string; code?: string } = {}): NewRecord => ({
    ...(extra.id ? { _id: extra.id } : {}),
    ...fromFacts(facts),
    kind: 'refusal',
    result: 'refused',
    reason: error.code,
    message: error.message,
    ...(extra.code !== undefined ? { codePrefix: extra.code.slice(0, CODE_PREFIX_LENGTH) } : {}),
  }),
};

/** Records read a page at a time; one more than a page is read to tell whether another follows. */
export const RECORDS_PAGE = 50;

export interface RecordsQuery {
  siteId: string;
  from?: Date;
  to?: Date;
  gate?: string;
  passType?: PassType;
  result?: 'ok' | 'refused';
  page: number;
}

export class AccessRecords extends Repository<AccessRecord> {
  constructor() {
    super('accessRecords');
  }

  /**
   * A page of a site's records between two instants, newest first. Each filter is an equality the compound indexes
   * of docs/database.json lead with (site_result_at, site_gate_at, site_passType_at, after siteId), so a first
   * page is an index walk whichever one is set; with several, the others are checked along the walk.
   */
  async page(query: RecordsQuery): Promise<{ records: AccessRecord[]; hasMore: boolean }> {
    const found = await this.find(recordsWhere(this.command(), query), {
      orderBy: [['at', 'desc']],
      skip: (query.page - 1) * RECORDS_PAGE,
      limit: RECORDS_PAGE + 1,
    });
    return { records: found.slice(0, RECORDS_PAGE), hasMore: found.length > RECORDS_PAGE };
  }

  /**
   * Up to `limit` records of the filter, newest first, read `batch` at a time (the platform answers at most 1,000 a
   * query); each batch starts strictly before the last one's oldest instant, skipping the ones at that very instant
   * already read, so the walk stays on the index however deep it goes.
   */
  async upTo(query: Omit<RecordsQuery, 'page'>, limit: number, batch = 1000): Promise<AccessRecord[]> {
    const out: AccessRecord[] = [];
    let to = query.to;
    /** how many records at the instant just before `to` were read already */
    let readAtEdge = 0;
    while (out.length < limit) {
      const want = Math.min(batch, limit - out.length);
      const found = await this.find(recordsWhere(this.command(), { ...query, ...(to ? { to } : {}) }), {
        orderBy: [['at', 'desc']],
        skip: readAtEdge,
        limit: want,
      });
      out.push(...found);
      if (found.length < want) break;
      const oldest = found[found.length - 1].at.getTime();
      const atOldest = found.filter((r) => r.at.getTime() === oldest).length;
      readAtEdge = to && to.getTime() === oldest + 1 ? readAtEdge + atOldest : atOldest;
      to = new Date(oldest + 1);
    }
    return out;
  }

  /** Writes a record; with a fixed `_id`, a second write of the same record returns false instead of failing. */
  async add(record: NewRecord): Promise<boolean> {
    try {
      await this.insert(record);
      return true;
    } catch (error) {
      if (record._id && isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Writes a record under its id whatever stood there: the outcome of a request replaces an earlier word on it. */
  async put(record: AccessRecord): Promise<void> {
    const { _id, ...fields } = record;
    await this.collection().doc(_id).set({ data: fields });
  }
}

/** The query of a records filter: the site, then each equality set, then the time range. */
function recordsWhere(_: ReturnType<AccessRecords['command']>, query: Omit<RecordsQuery, 'page'>): object {
  const bounds = [query.from && _.gte(query.from), query.to && _.lt(query.to)].filter((b) => !!b);
  const at = bounds.length === 2 ? bounds[0].and(bounds[1]) : bounds[0];
  return {
    siteId: query.siteId,
    ...(query.result ? { result: query.result } : {}),
    ...(query.gate ? { gate: query.gate } : {}),
    ...(query.passType ? { passType: query.passType } : {}),
    ...(at ? { at } : {}),
  };
}

/** The id of a pass's issue record: the gate reads whose pass it is there. */
export function issueRecordId(passId: string): string {
  return `issue-${passId}`;
}

/** The id of a pass's release record: writing it is what uses the pass up (single use). */
export function releaseRecordId(passId: string): string {
  return `release-${passId}`;
}

/**
 * The id of the record a request leaves when it is refused or opens a door: the caller's WeChat
 * identity and the request's key, so a retry finds it (and a stranger cannot guess it).
 */
export function requestRecordId(openid: string, requestId: string): string {
  return `req-${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 32)}`;
}

/**
 * Runs a check or a release; a refusal is written to the access records before it is answered —
 * under `options.id` when a retry of the same request must find it. INTERNAL is a fault, not a
 * decision: it is not recorded, and a retry runs again.
 */
export async function recordingRefusals<T>(
  facts: RecordFacts,
  run: () => T | Promise<T>,
  options: { id?: string; code?: string } = {},
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') {
      await new AccessRecords().add(accessRecord.refusal(facts, error, options));
    }
    throw error;
  }
}

/** The refusal a request was given, told again to its retry. */
export function refusalOf(record: AccessRecord): AppError {
  return new AppError(record.reason ?? 'PASS_INVALID', record.message);
}

/** A record as the back office shows it: no ids of people, no request ids. */
export function recordView(record: AccessRecord): AccessRecordView {
  const { _id, at, kind, result, reason, message, passType, holderName, house, host, gate, direction, temperature } =
    record;
  const { organisation } = record;
  const { actor } = record;
  return {
    id: _id,
    at: at.toISOString(),
    kind,
    result,
    direction,
    actor: { kind: actor.kind, ...(actor.name ? { name: actor.name } : {}) },
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    ...(passType ? { passType } : {}),
    ...(holderName ? { holderName } : {}),
    ...(house ? { house } : {}),
    ...(host ? { host } : {}),
    ...(organisation ? { organisation } : {}),
    ...(gate ? { gate } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}
