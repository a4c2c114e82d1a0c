import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Envelope } from '../../miniprogram/core/envelope';
import { now as clockNow } from './clock';
import { AppError, isDuplicateKey } from './errors';
import { Repository, type Stored } from './repository';

/** How long a request's answer is kept for retries. */
const KEEP_MS = 24 * 3600_000;
/**
 * The time limit assumed when the platform did not say (no SCF context, e.g. a function called
 * as a plain module): the platform's longest, 60 s, which no attempt can outlive.
 */
export const DEFAULT_TIME_LIMIT_MS = 60_000;
/**
 * Added to an attempt's time limit before its marker stops blocking: the platform kills an
 * instance a little after the limit, and instances' clocks differ by a little.
 */
export const DEADLINE_MARGIN_MS = 2_000;
/** How long a retry waits for an attempt that may still be running before answering CONFLICT. */
const WAIT_ROUNDS = 10;
const WAIT_STEP_MS = 200;

interface RequestRecord extends Stored {
  function: string;
  action: string;
  /** whose request, as a hash of the openid: deleting an account finds its stored answers by it */
  callerHash?: string;
  inputHash: string;
  state: 'pending' | 'done';
  /** the attempt holding the marker: only it may finish or release it */
  attempt: string;
  /** when that attempt started and when it can no longer be running (start + time limit + margin) */
  startedAt: Date;
  deadline?: Date;
  response?: Envelope<unknown>;
  createdAt: Date;
  expiresAt: Date;
}

class RequestRepository extends Repository<RequestRecord> {
  constructor() {
    super('requests');
  }

  /** Stores the answer whole (`_.set`): the SDK would otherwise merge it field by field. */
  async markDone(id: string, attempt: string, response: Envelope<unknown>): Promise<void> {
    await this.updateWhere({ _id: id, attempt }, { state: 'done', response: this.command().set(response) });
  }

  /** Takes over a marker whose attempt is past its deadline; of several retries at once, one wins. */
  async takeOver(earlier: RequestRecord, attempt: string, startedAt: Date, deadline: Date): Promise<boolean> {
    const where = { _id: earlier._id, state: 'pending', attempt: earlier.attempt };
    return (await this.updateWhere(where, { attempt, startedAt, deadline })) === 1;
  }

  /**
   * Lets a retry run at once after this attempt failed. Best effort (the database may be what
   * failed: then the deadline frees the marker), and only while the marker is still this
   * attempt's and pending — never another attempt's, never a kept answer.
   */
  async release(id: string, attempt: string): Promise<void> {
    try {
      await this.collection().where({ _id: id, attempt, state: 'pending' }).remove();
    } catch (error) {
      console.error('[idempotency] could not release a request marker; its deadline will', error);
    }
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
 * dropped the answer) gets the first answer and causes no second effect. A marker is created
 * before the action runs, so two copies of one request racing each other are told apart by the
 * `_id`'s uniqueness; the copy that loses waits briefly, then answers CONFLICT.
 *
 * A marker blocks only while its attempt can still be running: an attempt that fails (an answer
 * INTERNAL, a database error, its own marker's write unanswered) releases it at once, and one
 * that died without a word (killed, or the release failed too) stops blocking at its deadline —
 * its start plus `timeLimitMs` (the function's time limit, after which the platform has killed
 * it) plus a margin. A retry after that runs the action again, so every action's effects must be
 * found again by a second run of the same request (see `requestToken`).
 */
export async function runOnce(
  key: RequestKey,
  input: unknown,
  now: Date,
  timeLimitMs: number,
  run: () => Promise<Envelope<unknown>>,
): Promise<Envelope<unknown>> {
  const requests = new RequestRepository();
  const id = hash(`${key.function}\n${key.action}\n${key.caller}\n${key.requestId}`);
  const inputHash = hash(stableJson(input));
  const attempt = randomBytes(12).toString('hex');
  const deadline = new Date(now.getTime() + timeLimitMs + DEADLINE_MARGIN_MS);
  for (let round = 0; ; round += 1) {
    try {
      await requests.insert({
        _id: id,
        function: key.function,
        action: key.action,
        callerHash: callerHash(key.caller),
        inputHash,
        state: 'pending',
        attempt,
        startedAt: now,
        deadline,
        createdAt: now,
        expiresAt: new Date(now.getTime() + KEEP_MS),
      });
      break;
    } catch (error) {
      if (!isDuplicateKey(error)) {
        // the marker may have been written with its answer lost: it is ours, so free it for the retry
        await requests.release(id, attempt);
        throw error;
      }
    }
    const earlier = await requests.get(id);
    if (!earlier) continue; // released between our insert and read: try again
    if (earlier.inputHash !== inputHash) throw new AppError('INVALID_ARGUMENT', '请求编号已用于另一次操作');
    if (earlier.state === 'done' && earlier.response) return earlier.response;
    if (clockNow().getTime() > deadlineOf(earlier).getTime()) {
      if (await requests.takeOver(earlier, attempt, now, deadline)) break;
      continue;
    }
    if (round >= WAIT_ROUNDS) throw new AppError('CONFLICT', '上一次提交仍在处理中，请稍后再试');
    await sleep(WAIT_STEP_MS);
  }
  let response: Envelope<unknown>;
  try {
    response = await run();
    // INTERNAL (a bug or an outage) is not kept, so a retry runs again
    if (!response.ok && response.code === 'INTERNAL') {
      await requests.release(id, attempt);
      return response;
    }
    await requests.markDone(id, attempt, response);
  } catch (error) {
    await requests.release(id, attempt);
    throw error;
  }
  return response;
}

/**
 * A key for the writes one request makes, the same on every attempt of it and different for any
 * other request or caller: an action stores it with an effect (a code used, a card unbound) so
 * that a second run of the same request recognises its own effect and answers as the first did.
 */
export function requestToken(action: string, context: { caller: { openid: string }; requestId?: string }) {
  return context.requestId ? hash(`${action}\n${context.caller.openid}\n${context.requestId}`) : undefined;
}

/** The `callerHash` of an openid's stored requests. */
export function callerHash(openid: string): string {
  return hash(`caller\n${openid}`);
}

/** Markers written before deadlines were kept count from their creation with the longest limit. */
function deadlineOf(record: RequestRecord): Date {
  return record.deadline ?? new Date(record.createdAt.getTime() + DEFAULT_TIME_LIMIT_MS + DEADLINE_MARGIN_MS);
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
