import { randomUUID } from 'node:crypto';
import type { LocalcloudCore } from '../core';
import { findFunction, listFunctions, type FunctionInfo } from './discovery';
import { instanceEnv, invocationEnv, scfContext, type CallerIdentity } from './env';
import { INIT_TIMEOUT_MS, Instance, type InstanceOutcome } from './instance';
import { InstancePool } from './pool';
import { codeCacheDir, workerScript } from './worker-script';

export type { CallerIdentity } from './env';

/** The platform's limit on a synchronous invocation's event and on its return value. */
export const EVENT_LIMIT_BYTES = 6 * 1024 * 1024;

export type InvokeErrorCode =
  | 'FUNCTION_NOT_FOUND'
  | 'INVALID_EVENT'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTION_TIMEOUT'
  | 'FUNCTION_CRASHED'
  | 'RUNNER_CLOSED';

interface InvokeMeta {
  invocationId: string;
  dbCalls: number;
  durationMs: number;
}

export type InvokeResult =
  | ({
      ok: true;
      result: unknown;
      /** the result as the platform serialized it */ resultJson: string;
      coldStart: boolean;
    } & InvokeMeta)
  | ({ ok: false; code: InvokeErrorCode; message: string; coldStart: boolean } & InvokeMeta);

export interface InvocationRecord {
  id: string;
  name: string;
  openid?: string;
  source: string;
  ok: boolean;
  code?: InvokeErrorCode;
  durationMs: number;
  dbCalls: number;
  coldStart: boolean;
  /** localcloud clock time the invocation finished */
  at: number;
  /** the invocation that called this one through `cloud.callFunction` */
  parentId?: string;
}

export interface FunctionRunnerOptions {
  /** instances per function before calls queue (default 10) */
  maxInstances?: number;
  /** an instance idle this long is stopped (default 5 minutes) */
  idleMs?: number;
  /** variables every function gets on top of the platform's (e.g. adapter endpoints for localcloud) */
  env?: Record<string, string>;
  /**
   * the Node binary instances run on, to match the platform's runtime rather than the Node localcloud runs on;
   * default this process's node
   */
  nodePath?: string;
  /** where the functions' console output goes; default: this process's stdout/stderr, prefixed */
  onLog?(name: string, stream: 'stdout' | 'stderr', line: string): void;
}

interface Active {
  name: string;
  identity: CallerIdentity;
  dbCalls: number;
  parentId?: string;
}

const RECENT_LIMIT = 100;

/**
 * Runs `<functionsDir>/<name>/index.js` the way SCF does: each instance a child process serving one
 * invocation at a time with the caller's identity in its environment, warm instances reused, more started
 * for concurrent calls, time limits enforced by killing the instance.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, InstancePool>();
  private readonly active = new Map<string, Active>();
  private readonly history: InvocationRecord[] = [];
  private readonly reaper: NodeJS.Timeout;
  private closed = false;
  private readonly maxInstances: number;
  private readonly idleMs: number;
  private readonly stats = { onCall: (invocationId: string, action: string) => this.countCall(invocationId, action) };

  constructor(
    readonly core: LocalcloudCore,
    readonly functionsDir: string,
    private readonly options: FunctionRunnerOptions = {},
  ) {
    this.maxInstances = options.maxInstances ?? 10;
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.reaper = setInterval(() => this.reap(), Math.min(this.idleMs, 30_000));
    this.reaper.unref();
    core.server.stats = this.stats;
  }

  /** The functions that have a bundle right now. */
  list(): string[] {
    return listFunctions(this.functionsDir);
  }

  /** The last invocations, oldest first. */
  recent(): InvocationRecord[] {
    return this.history.map((record) => ({ ...record }));
  }

  /** A function as deployed right now (bundle and config.json), or undefined if it has no bundle. */
  find(name: string): FunctionInfo | undefined {
    return findFunction(this.functionsDir, name);
  }

  /** The function an in-flight invocation runs (for what its config.json permits it). */
  functionOf(invocationId: string): string | undefined {
    return this.active.get(invocationId)?.name;
  }

  /** The identity an in-flight invocation runs with (for calls it makes to other functions). */
  identityOf(invocationId: string): CallerIdentity | undefined {
    return this.active.get(invocationId)?.identity;
  }

  /** Live instances per function, for tests and `/_dev`. */
  instances(name: string): { pid?: number; busy: boolean; served: number }[] {
    return this.pools.get(name)?.describe() ?? [];
  }

  async invoke(
    name: string,
    event: unknown,
    identity: CallerIdentity,
    options: { parentId?: string } = {},
  ): Promise<InvokeResult> {
    const started = performance.now();
    const invocationId = `${name}-${randomUUID()}`;
    const meta = (): InvokeMeta => ({
      invocationId,
      dbCalls: this.active.get(invocationId)?.dbCalls ?? 0,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    const fail = (code: InvokeErrorCode, message: string, coldStart = false): InvokeResult =>
      this.finish({ ok: false, code, message, coldStart, ...meta() }, name, identity, options.parentId);

    if (this.closed) return fail('RUNNER_CLOSED', 'localcloud is shutting down');
    const fn = findFunction(this.functionsDir, name);
    if (!fn) return fail('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    let eventJson: string | undefined;
    try {
      eventJson = JSON.stringify(event ?? {});
    } catch {
      // a cycle or a BigInt: falls through to the check below
    }
    if (typeof eventJson !== 'string') return fail('INVALID_EVENT', 'event is not serializable to JSON');
    if (Buffer.byteLength(eventJson) > EVENT_LIMIT_BYTES) return fail('INVALID_EVENT', 'event is larger than 6 MB');

    this.active.set(invocationId, { name, identity, dbCalls: 0, parentId: options.parentId });
    try {
      const pool = await this.pool(fn);
      const instance = await pool.acquire(fn);
      const coldStart = instance.served === 0;
      const { env, unset } = invocationEnv(this.core, invocationId, identity);
      const context = scfContext(this.core, fn, invocationId, { ...env, TCB_ENV: this.core.envId });
      let outcome: InstanceOutcome;
      try {
        outcome = await instance.run(
          { type: 'invoke', id: invocationId, eventJson, context, env, unset },
          fn.timeoutS * 1000,
        );
      } finally {
        pool.release(instance);
      }
      if (outcome.kind === 'timeout') {
        const message =
          outcome.phase === 'init'
            ? `Function initialization timed out after ${INIT_TIMEOUT_MS / 1000} seconds`
            : `Invoking task timed out after ${fn.timeoutS} seconds`;
        return fail('FUNCTION_TIMEOUT', message, coldStart);
      }
      if (outcome.kind === 'crash') {
        return fail(this.closed ? 'RUNNER_CLOSED' : 'FUNCTION_CRASHED', outcome.detail, coldStart);
      }
      const reply = outcome.reply;
      if (!reply.ok) return fail('FUNCTIONS_EXECUTE_FAIL', reply.message, coldStart);
      if (Buffer.byteLength(reply.json) > EVENT_LIMIT_BYTES) {
        return fail('FUNCTIONS_EXECUTE_FAIL', 'return value is larger than 6 MB', coldStart);
      }
      const result: unknown = JSON.parse(reply.json);
      return this.finish(
        { ok: true, result, resultJson: reply.json, coldStart, ...meta() },
        name,
        identity,
        options.parentId,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(this.closed ? 'RUNNER_CLOSED' : 'FUNCTION_CRASHED', message);
    } finally {
      this.active.delete(invocationId);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reaper);
    if (this.core.server.stats === this.stats) this.core.server.stats = undefined;
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }

  private async pool(fn: FunctionInfo): Promise<InstancePool> {
    let pool = this.pools.get(fn.name);
    if (!pool) {
      const script = await workerScript();
      if (this.closed) throw new Error('localcloud is shutting down');
      pool = this.pools.get(fn.name);
      if (!pool) {
        pool = new InstancePool(this.maxInstances, (info) => this.spawn(script, info));
        this.pools.set(fn.name, pool);
      }
    }
    return pool;
  }

  private spawn(script: string, fn: FunctionInfo): Instance {
    const onLog = this.options.onLog ?? defaultLog;
    return new Instance({
      script,
      bundle: fn.bundle,
      bundleMtimeMs: fn.mtimeMs,
      codeCacheDir: codeCacheDir(),
      env: instanceEnv(this.core, fn, this.options.env ?? {}),
      memoryMb: fn.memoryMb,
      execPath: this.options.nodePath ?? process.execPath,
      onLog: (stream, line) => onLog(fn.name, stream, line),
    });
  }

  /**
   * Counts the database calls an invocation makes, and charges them to the invocations that called it too,
   * so the gateway's X-Localcloud-Db-Calls is everything one request cost the database.
   */
  private countCall(invocationId: string, action: string): void {
    if (!action.startsWith('database.')) return;
    let current = this.active.get(invocationId);
    for (let depth = 0; current && depth < 16; depth += 1) {
      current.dbCalls += 1;
      current = current.parentId ? this.active.get(current.parentId) : undefined;
    }
  }

  private finish(result: InvokeResult, name: string, identity: CallerIdentity, parentId?: string): InvokeResult {
    this.history.push({
      id: result.invocationId,
      name,
      openid: identity.openid,
      source: identity.source,
      ok: result.ok,
      code: result.ok ? undefined : result.code,
      durationMs: result.durationMs,
      dbCalls: result.dbCalls,
      coldStart: result.coldStart,
      at: this.core.clock.now(),
      parentId,
    });
    if (this.history.length > RECENT_LIMIT) this.history.splice(0, this.history.length - RECENT_LIMIT);
    return result;
  }

  private reap(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const pool of this.pools.values()) pool.reapIdle(cutoff);
  }
}

function defaultLog(name: string, stream: 'stdout' | 'stderr', line: string): void {
  (stream === 'stderr' ? process.stderr : process.stdout).write(`[fn ${name}] ${line}\n`);
}
