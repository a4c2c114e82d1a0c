/**
 * One function instance, as an SCF instance is: a Node process that loads the function's bundle once (the
 * cold start) and then serves one invocation at a time. The runner forks it with the bundle's path as the
 * first argument (and the folder for V8's code cache, `code-cache.ts`, as the second); it is bundled to plain JS by
 * `worker-script.ts`, so it may import only Node built-ins.
 *
 * Identity reaches the function only through `process.env` (WX_OPENID, ...), exactly where the real runtime
 * puts it and where `cloud.getWXContext()` reads it; the runner sends the variables to set and to remove
 * with each invocation.
 */
import { loadBundle, type LoadedBundle } from './code-cache';
import type { WorkerDone, WorkerInvoke, WorkerReply } from './protocol';

const [bundlePath, codeCacheDir] = process.argv.slice(2);
let loaded: LoadedBundle | undefined;

// The runner is gone (localcloud stopped or crashed): an orphaned instance must not linger.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: WorkerInvoke) => {
  if (message?.type !== 'invoke') return;
  void run(message).then((reply) => {
    // after the first invocation, so the cache holds the code it compiled too; before its answer, which may be
    // the last thing localcloud waits for before it stops the instance (a few ms, once per bundle and Node)
    loaded?.keepCodeCache();
    send(reply);
  });
});

function send(reply: WorkerReply): void {
  process.send?.(reply);
}

async function run(message: WorkerInvoke): Promise<WorkerDone> {
  const { id } = message;
  for (const key of message.unset) delete process.env[key];
  Object.assign(process.env, message.env);
  let result: unknown;
  try {
    loaded ??= loadBundle(bundlePath, codeCacheDir);
    const main = (loaded.exports as { main?: unknown }).main;
    if (typeof main !== 'function')
      throw new Error(`${message.context.function_name}: index.js exports no main function`);
    send({ type: 'started', id });
    result = await callMain(main as MainFunction, JSON.parse(message.eventJson), message.context);
  } catch (error) {
    return { type: 'done', id, ok: false, message: errorMessage(error), errorType: errorType(error) };
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    return {
      type: 'done',
      id,
      ok: false,
      message: `return value is not JSON: ${errorMessage(error)}`,
      errorType: 'TypeError',
    };
  }
  // `undefined` (no return) reaches the caller as null, as the platform's JSON reply carries it
  return { type: 'done', id, ok: true, json: json ?? 'null' };
}

type MainFunction = (event: unknown, context: unknown, callback: (error: unknown, value?: unknown) => void) => unknown;

/** `async main(event, context)`, a sync return, or the older `main(event, context, callback)` style. */
function callMain(main: MainFunction, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const returned = main(event, context, (error, value) => (error ? reject(error) : resolve(value)));
    if (isThenable(returned)) returned.then(resolve, reject);
    else if (main.length < 3) resolve(returned);
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The message only: a stack trace would tell the caller (a phone, another function) about our files. */
function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const record = error as { errMsg?: unknown; message?: unknown };
    if (typeof record.errMsg === 'string') return record.errMsg;
    if (typeof record.message === 'string') return record.message;
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}

function errorType(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
