import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Envelope } from '../miniprogram/core/envelope';
import { AppError, isDuplicateKey } from './errors';
import { Repository, type Stored } from './repository';

/** How long a request's answer is kept for retries. */
const KEEP_MS = 24 * 3600_000;
/** A request still "pending" after this long died mid-way (the platform's longest timeout is 60 s). */
const ABANDONED_MS = 65_000;

interface RequestRecord extends Stored {
  function: string;
  action: string;
  inputHash: string;
  state: 'pending' | 'done';
  response?: Envelope<unknown>;
  createdAt: Date;
  expiresAt: Date;
}

class RequestRepository extends Repository<RequestRecord> {
  constructor() {
    super('requests');
  }

  /** Stores the answer whole (`_.set`): the SDK would otherwise merge it field by field. */
  markDone(id: string, response: Envelope<unknown>): Promise<boolean> {
    return this.update(id, { state: 'done', response: this.db().command.set(response) });
  }
}

export interface RequestKey {
  function: string;
  action: string;
  /** whose request: the caller's openid */
  caller: string;
  requestId: string;
}

/**
 * Runs a mutating action at most once per request id: a retry (the client timed out, the network
 * dropped the answer) gets the first answer and causes no second effect. The record is created
 * before the action runs, so two copies of one request racing each other are told apart by the
 * `_id`'s uniqueness; an answer INTERNAL (a bug or an outage) is not kept, so a retry runs again.
 */
export async function runOnce(
  key: RequestKey,
  input: unknown,
  now: Date,
  run: () => Promise<Envelope<unknown>>,
): Promise<Envelope<unknown>> {
  const requests = new RequestRepository();
  const id = hash(`${key.function}\n${key.action}\n${key.caller}\n${key.requestId}`);
  const inputHash = hash(stableJson(input));
  for (let attempt = 0; ; attempt += 1) {
    try {
      await requests.insert({
        _id: id,
        function: key.function,
        action: key.action,
        inputHash,
        state: 'pending',
        createdAt: now,
        expiresAt: new Date(now.getTime() + KEEP_MS),
      });
      break;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const earlier = await requests.get(id);
    if (!earlier) continue; // removed between our insert and read: try again
    if (earlier.inputHash !== inputHash) throw new AppError('INVALID_ARGUMENT', '请求编号已用于另一次操作');
    if (earlier.state === 'done' && earlier.response) return earlier.response;
    if (now.getTime() - earlier.createdAt.getTime() > ABANDONED_MS) {
      await requests.remove(id);
      continue;
    }
    if (attempt >= 10) throw new AppError('CONFLICT', '上一次提交仍在处理中，请稍后再试');
    await sleep(200);
  }
  const response = await run();
  if (!response.ok && response.code === 'INTERNAL') await requests.remove(id);
  else await requests.markDone(id, response);
  return response;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

/** JSON with object keys sorted, so the same input always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
