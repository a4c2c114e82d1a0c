import os from 'node:os';
import type { LocalcloudCore } from '../core';
import type { FunctionInfo } from './discovery';
import type { ScfContext } from './protocol';

/** Who a call comes from, as the platform establishes it (never from the event). */
export interface CallerIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** `TCB_SOURCE`: wx_client, wx_http, wx_trigger, ... and `<source>,scf` one function further down */
  source: string;
}

/** The keys `cloud.getWXContext()` reads; present only when the call carries them. */
const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP'] as const;

/**
 * What an instance's process starts with: the variables SCF injects that stay the same for every
 * invocation, plus the function's configured ones. Nothing else of localcloud's environment is passed, so a
 * function cannot depend on something the platform would not give it.
 */
export function instanceEnv(
  core: LocalcloudCore,
  fn: FunctionInfo,
  extra: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    TMPDIR: os.tmpdir(),
    // SCF instances run in UTC: code that computes "today" must say Asia/Shanghai explicitly
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    // `TENCENTCLOUD=true` stops the SDK probing metadata.tencentyun.com; any non-empty secrets stop
    // prepareCredentials() from rejecting un-awaited (which would kill the process)
    TENCENTCLOUD: 'true',
    // as SCF sets them: the SDK then opens one connection per call, as it does on the platform
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'localcloud',
    TENCENTCLOUD_SECRETKEY: 'localcloud',
    SCF_NAMESPACE: core.envId,
    TCB_ENV: core.envId,
    SCF_FUNCTIONNAME: fn.name,
    SCF_FUNCTIONVERSION: '$LATEST',
    WX_CONTEXT_KEYS: CONTEXT_KEYS.join(','),
    SILENCE: 'true',
    ...extra,
    ...fn.envVariables,
  };
  return env;
}

/** The variables that change per invocation, and the context-key variables to remove because absent. */
export function invocationEnv(
  core: LocalcloudCore,
  invocationId: string,
  identity: CallerIdentity,
): { env: Record<string, string>; unset: string[] } {
  const env: Record<string, string> = {
    // read by the SDK on every request: the `inv` parameter tells the wire server which invocation calls
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${core.baseUrl()}/tcb?inv=${encodeURIComponent(invocationId)}&` }),
    // server code reads time through one clock; this is how it learns localcloud's shift (`/_dev/clock`)
    LOCALCLOUD_CLOCK_OFFSET_MS: String(core.clock.offsetMs()),
    // where server-side adapters find localcloud's stand-ins (SMS, door controllers); absent in production
    LOCALCLOUD_URL: core.baseUrl(),
  };
  const unset: string[] = [];
  const values: Record<(typeof CONTEXT_KEYS)[number], string | undefined> = {
    WX_OPENID: identity.openid,
    WX_APPID: identity.appid,
    WX_UNIONID: identity.unionid,
    WX_CLIENTIP: identity.clientIp,
  };
  for (const key of CONTEXT_KEYS) {
    const value = values[key];
    if (value) env[key] = value;
    else unset.push(key);
  }
  if (identity.source) env.TCB_SOURCE = identity.source;
  else unset.push('TCB_SOURCE');
  // a frozen clock is one instant for the whole invocation: the offset alone lets it run on while the function works,
  // and on a busy machine a function that started late would read seconds past the moment the clock stands at
  if (core.clock.frozen()) env.LOCALCLOUD_CLOCK_FROZEN_AT_MS = String(core.clock.now());
  else unset.push('LOCALCLOUD_CLOCK_FROZEN_AT_MS');
  return { env, unset };
}

/** SCF's second argument to `main`. */
export function scfContext(
  core: LocalcloudCore,
  fn: FunctionInfo,
  requestId: string,
  env: Record<string, string>,
): ScfContext {
  const environ = Object.entries(env)
    .filter(([key]) => key.startsWith('WX_') || key.startsWith('TCB_') || key === 'SCF_NAMESPACE')
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
  return {
    callbackWaitsForEmptyEventLoop: false,
    memory_limit_in_mb: fn.memoryMb,
    time_limit_in_ms: Math.round(fn.timeoutS * 1000),
    request_id: requestId,
    environ,
    function_version: '$LATEST',
    function_name: fn.name,
    namespace: core.envId,
    tencentcloud_region: 'ap-shanghai',
    tencentcloud_appid: '1250000000',
    tencentcloud_uin: '100000000001',
  };
}
