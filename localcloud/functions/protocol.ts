/** Messages between the runner and a function instance (`worker.ts`), over the fork IPC channel. */

/** The context object SCF passes as `main`'s second argument (the fields the SDK's `parseContext` reads). */
export interface ScfContext {
  callbackWaitsForEmptyEventLoop: boolean;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  request_id: string;
  /** `KEY=value;KEY=value`: the per-invocation variables, as the runtime also hands them over */
  environ: string;
  function_version: string;
  function_name: string;
  namespace: string;
  tencentcloud_region: string;
  tencentcloud_appid: string;
  tencentcloud_uin: string;
}

export interface WorkerInvoke {
  type: 'invoke';
  id: string;
  /** the event as JSON: it crossed the wire or the gateway as JSON, and `main` gets a fresh parse of it */
  eventJson: string;
  context: ScfContext;
  /** variables to set in `process.env` for this invocation */
  env: Record<string, string>;
  /** variables to remove first (an anonymous call must have no WX_OPENID at all, not an empty one) */
  unset: string[];
}

/** The bundle is loaded (the cold start is over) and `main` is about to run: the time limit starts. */
export interface WorkerStarted {
  type: 'started';
  id: string;
}

export type WorkerDone =
  | {
      type: 'done';
      id: string;
      ok: true;
      /** the return value, serialized as the platform serializes it */ json: string;
    }
  | { type: 'done'; id: string; ok: false; message: string; errorType: string };

export type WorkerReply = WorkerStarted | WorkerDone;
