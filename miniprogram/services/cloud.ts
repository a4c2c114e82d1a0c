/**
 * The one way pages reach the cloud functions: `wx.cloud.callFunction` with the envelope of core/envelope.ts.
 * A call never throws: a failure of the network or of the platform becomes an INTERNAL refusal with a message
 * the person holding the phone understands, so every page handles exactly one shape.
 */
import { chooseCloudEnvironment, type CloudEnvironmentChoice } from '../core/cloud-environment';
import type { Envelope } from '../core/envelope';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '../core/errors';
import { CLOUD_ENVIRONMENTS } from '../config/environments';

/** What a function's contract (e.g. `SiteActions` in core/api) says about each action. */
export type ActionMap<Actions> = { [A in keyof Actions]: { request: object; response: unknown } };

export type RequestOf<Actions extends ActionMap<Actions>, A extends keyof Actions> = Actions[A]['request'];
export type ResponseOf<Actions extends ActionMap<Actions>, A extends keyof Actions> = Actions[A]['response'];

/** Actions that change something: their request carries the idempotency key. */
export type MutatingAction<Actions extends ActionMap<Actions>> = {
  [A in keyof Actions]: Actions[A]['request'] extends { requestId: string } ? A : never;
}[keyof Actions];

export type QueryAction<Actions extends ActionMap<Actions>> = Exclude<keyof Actions, MutatingAction<Actions>>;

export const NETWORK_FAILURE_MESSAGE = '网络不给力，请稍后再试';

/**
 * What the app keeps about its cloud: the environment this build talks to, chosen once at launch (app.ts). It
 * lives on the App instance, the one object every page shares, rather than in this module.
 */
export interface CloudApp {
  cloudEnvironment: CloudEnvironmentChoice;
}

export const CLOUD_NOT_STARTED: CloudEnvironmentChoice = {
  ok: false,
  problem: '云环境尚未初始化（app.ts onLaunch 未运行）',
};

/** Picks the environment for this build (its `envVersion`) and initialises `wx.cloud` with it; app.ts calls it. */
export function startCloud(): CloudEnvironmentChoice {
  const { appId, envVersion } = wx.getAccountInfoSync().miniProgram;
  const choice = chooseCloudEnvironment({ appId, envVersion }, CLOUD_ENVIRONMENTS);
  // traceUser lists each resident in the cloud console's user management, which property staff use when a
  // resident reports a problem
  if (choice.ok) wx.cloud.init({ env: choice.env, traceUser: true });
  return choice;
}

/**
 * Until a choice succeeded no call leaves the phone: `wx.cloud.callFunction` without an initialised `env` could
 * reach the AppID's default environment, which may be production.
 */
function launchedEnvironment(): CloudEnvironmentChoice {
  const app = getApp<CloudApp>() as CloudApp | undefined;
  return app?.cloudEnvironment ?? CLOUD_NOT_STARTED;
}

/** Calls `action` of the cloud function `fn`. */
export async function call<Actions extends ActionMap<Actions>, A extends keyof Actions & string>(
  fn: string,
  action: A,
  request: RequestOf<Actions, A>,
): Promise<Envelope<ResponseOf<Actions, A>>> {
  const environment = launchedEnvironment();
  if (!environment.ok) return { ok: false, code: 'INTERNAL', message: environment.problem };
  let result: unknown;
  try {
    ({ result } = await wx.cloud.callFunction({ name: fn, data: { ...request, action } }));
  } catch {
    return { ok: false, code: 'INTERNAL', message: NETWORK_FAILURE_MESSAGE };
  }
  return asEnvelope<ResponseOf<Actions, A>>(result);
}

/**
 * A function's answer is trusted to be an envelope only when it looks like one: anything else (a platform error
 * page, a function that crashed before answering) is INTERNAL, never a half-read object.
 */
function asEnvelope<T>(result: unknown): Envelope<T> {
  if (typeof result === 'object' && result !== null) {
    const answer = result as Record<string, unknown>;
    if (answer.ok === true && 'data' in answer) return { ok: true, data: answer.data as T };
    if (answer.ok === false && isErrorCode(answer.code) && typeof answer.message === 'string') {
      const { retryAfter } = answer;
      const wait = typeof retryAfter === 'number' && Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : 0;
      return { ok: false, code: answer.code, message: answer.message, ...(wait ? { retryAfter: wait } : {}) };
    }
  }
  return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

const REQUEST_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const REQUEST_ID_LENGTH = 24;

/** A random idempotency key of the form core/validate.ts `requestId` accepts (8–64 of [A-Za-z0-9_-]). */
export function newRequestId(): string {
  let id = '';
  for (let i = 0; i < REQUEST_ID_LENGTH; i += 1) {
    id += REQUEST_ID_ALPHABET[Math.floor(Math.random() * REQUEST_ID_ALPHABET.length)];
  }
  return id;
}

/**
 * Idempotency keys of user intents whose outcome is not known yet: INTERNAL (the network dropped the answer, or
 * the function failed part-way) or CONFLICT (the function is still working on that very request). Sending the
 * same intent again reuses its key, so the function answers with the one outcome instead of acting twice. Any
 * other answer is final (the function keeps it for that key), so the next attempt is a new request.
 */
const unsettledIntents = new Map<string, string>();
const UNSETTLED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'CONFLICT']);

/** A bound view of one cloud function: `query` for reads, `mutate` for changes (it adds the `requestId`). */
export function cloudFunction<Actions extends ActionMap<Actions>>(fn: string) {
  return {
    query<A extends QueryAction<Actions> & string>(action: A, request: RequestOf<Actions, A>) {
      return call<Actions, A>(fn, action, request);
    },

    async mutate<A extends MutatingAction<Actions> & string>(
      action: A,
      request: Omit<RequestOf<Actions, A>, 'requestId'>,
    ): Promise<Envelope<ResponseOf<Actions, A>>> {
      const intent = `${fn}.${action}:${JSON.stringify(request)}`;
      const requestId = unsettledIntents.get(intent) ?? newRequestId();
      unsettledIntents.set(intent, requestId);
      const answer = await call<Actions, A>(fn, action, { ...request, requestId } as RequestOf<Actions, A>);
      if (answer.ok || !UNSETTLED.has(answer.code)) unsettledIntents.delete(intent);
      return answer;
    },
  };
}
