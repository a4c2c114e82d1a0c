import type { PassType } from '../miniprogram/core/api/gate';
import type { ErrorCode } from '../miniprogram/core/errors';
import { isDuplicateKey } from './errors';
import { Repository, type Stored } from './repository';

/**
 * 出入记录 (P12): every pass issued, scanned, released or refused and every door opened, with who,
 * which pass, where, when, the temperature and the result. Administrators and observers read
 * them by site and time (indexes in docs/database.json). Names and houses are copied in, so a
 * record still reads right after someone moves out; ID numbers are never copied in.
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
  /** 东门, or a door id for openings and device scans */
  gate?: string;
  direction: 'out' | 'in';
  temperature?: number;
  /** who let them through: a guard (user id), a QR door device, or the resident's own phone */
  actor: { kind: 'guard' | 'device' | 'resident'; id: string; name?: string };
  /** the request that wrote it, so a retry is recognised */
  requestId?: string;
}

export class AccessRecords extends Repository<AccessRecord> {
  constructor() {
    super('accessRecords');
  }

  /** Writes a record; with a fixed `_id`, a second write of the same record returns false instead of failing. */
  async add(record: Omit<AccessRecord, '_id'> & { _id?: string }): Promise<boolean> {
    try {
      await this.insert(record);
      return true;
    } catch (error) {
      if (record._id && isDuplicateKey(error)) return false;
      throw error;
    }
  }
}

/** The id of a pass's release record: writing it is what uses the pass up (single use). */
export function releaseRecordId(passId: string): string {
  return `release-${passId}`;
}
