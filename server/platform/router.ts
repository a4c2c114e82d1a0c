import type { Envelope } from '../../miniprogram/core/envelope';
import { ERROR_MESSAGES } from '../../miniprogram/core/errors';
import { requestId as requestIdSchema, type Schema } from '../../miniprogram/core/validate';
import { currentCaller, type Caller } from './caller';
import { now } from './clock';
import { AppError } from './errors';
import { DEFAULT_TIME_LIMIT_MS, runOnce } from './idempotency';
import { UserRepository, type User } from '../people/users';

/** What an action receives besides its validated input. */
export interface ActionContext {
  /** the caller with a WeChat identity (actions without `anonymous: true` never run without one) */
  caller: Caller & { openid: string };
  now: Date;
  /** the user behind the caller's WeChat identity, created on first use */
  user(): Promise<User>;
  /** the client's idempotency key, for mutating actions */
  requestId?: string;
}

export interface ActionDefinition<Input, Output> {
  /** parses the event into the action's input; every other field of the event is dropped */
  input: Schema<Input>;
  /**
   * changes something: takes a `requestId`. `true`: the router answers a retry with the first
   * answer (two extra database calls). `'own'`: the action is idempotent by its own design (its
   * writes are keyed so a retry finds them) and receives the `requestId` — for the gate, where
   * every database call is time a resident waits.
   */
  mutating?: true | 'own';
  run(context: ActionContext, input: Input): Promise<Output>;
}

/** What a timer run receives: no caller, since the platform's timer fires it for nobody. */
export interface TimerContext {
  now: Date;
  /** the trigger's `name` in the function's config.json, as the platform's timer event carries it */
  triggerName: string;
}

/** Work a timer trigger starts (config.json `triggers`), e.g. sending what the outbox holds. */
export interface TimerDefinition {
  run(context: TimerContext): Promise<unknown>;
}

/** The platform's SOURCE for a run its timer trigger started (getWXContext; `,scf` is appended when relayed). */
export const TIMER_SOURCE = 'wx_trigger';

/** An API description (`miniprogram/core/api/*`): each action's request and response. */
type ApiShape<Api> = { [K in keyof Api]: { request: object; response: unknown } };

export type ActionsOf<Api extends ApiShape<Api>> = {
  [K in keyof Api]: ActionDefinition<Omit<Api[K]['request'], 'requestId'>, Api[K]['response']>;
};

/**
 * A cloud function's entry: routes `event.action` to a named action and answers in the envelope.
 * Every failure is an envelope error: unknown action NOT_FOUND, bad input INVALID_ARGUMENT, no
 * WeChat identity UNAUTHENTICATED, an `AppError` its own code, anything unexpected INTERNAL with
 * a generic message (the details go to the function's log, never to the caller).
 *
 * `timers` are the function's timer-triggered work, keyed by trigger name. They are a table apart:
 * only a run whose SOURCE is exactly `wx_trigger` (set by the platform, never by a client) reaches
 * them, routed by the timer event's `TriggerName`; a call from a user or from another function
 * never does, and a timer run never reaches an action.
 */
export function createFunction<Api extends ApiShape<Api>>(
  name: string,
  actions: ActionsOf<Api>,
  options: { timers?: Record<string, TimerDefinition> } = {},
) {
  // each action's input schema rides along on `main`, so tests can walk every field of every action
  const inputs: Record<string, Schema<unknown>> = {};
  for (const [actionName, action] of Object.entries<ActionDefinition<unknown, unknown>>(actions)) {
    inputs[actionName] = action.input;
  }
  return Object.assign(main, { inputs });

  async function main(event: unknown, scf?: unknown): Promise<Envelope<unknown>> {
    try {
      const caller = currentCaller();
      if (caller.source === TIMER_SOURCE) return await runTimer(caller, event);
      const actionName = isRecord(event) ? event.action : undefined;
      if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
        throw new AppError('NOT_FOUND', '没有这个操作');
      }
      const action = actions[actionName as keyof Api] as ActionDefinition<unknown, unknown>;
      if (!caller.openid) throw new AppError('UNAUTHENTICATED');
      const input = parseOrRefuse(action.input, event);
      const requestId = action.mutating
        ? parseOrRefuse(requestIdSchema, (event as Record<string, unknown>).requestId)
        : undefined;
      const context = contextFor({ ...caller, openid: caller.openid }, requestId);
      const run = () => settle(() => action.run(context, input));
      if (action.mutating !== true || !requestId) return await run();
      return await runOnce(
        { function: name, action: actionName, caller: caller.openid, requestId },
        input,
        context.now,
        timeLimitMs(scf),
        run,
      );
    } catch (error) {
      return refusal(error, name);
    }
  }

  async function runTimer(caller: Caller, event: unknown): Promise<Envelope<unknown>> {
    // the platform's timer carries nobody; a WeChat identity here means this is not its timer
    if (caller.openid) throw new AppError('FORBIDDEN');
    const triggerName = isRecord(event) ? event.TriggerName : undefined;
    const timers = options.timers ?? {};
    if (typeof triggerName !== 'string' || !Object.prototype.hasOwnProperty.call(timers, triggerName)) {
      throw new AppError('NOT_FOUND', '没有这个定时任务');
    }
    const timer = timers[triggerName];
    return settle(() => timer.run({ now: now(), triggerName }));
  }
}

function contextFor(caller: Caller & { openid: string }, requestId: string | undefined): ActionContext {
  const at = now();
  let user: Promise<User> | undefined;
  return {
    caller,
    now: at,
    user: () => (user ??= new UserRepository().ensureForOpenid(caller.openid, at)),
    ...(requestId ? { requestId } : {}),
  };
}

async function settle(run: () => Promise<unknown>): Promise<Envelope<unknown>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    return refusal(error);
  }
}

function refusal(error: unknown, functionName?: string): Envelope<never> {
  if (error instanceof AppError) {
    const { code, message, retryAfter } = error;
    return { ok: false, code, message, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  }
  console.error(`[${functionName ?? 'function'}] unexpected error`, error);
  return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

function parseOrRefuse<T>(schema: Schema<T>, value: unknown): T {
  const parsed = schema.parse(value);
  if (!parsed.ok) throw new AppError('INVALID_ARGUMENT', parsed.issues[0].message);
  return parsed.value;
}

/**
 * How long this invocation may run: SCF's context says (`time_limit_in_ms`, from config.json's
 * `timeout`); without one, the platform's longest, so a retry never takes over a live attempt.
 */
function timeLimitMs(scf: unknown): number {
  const limit = isRecord(scf) ? scf.time_limit_in_ms : undefined;
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
