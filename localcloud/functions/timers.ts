import type { LocalcloudCore } from '../core';
import { HttpError, isPlainObject, readJson, sendJson } from '../http-util';
import { parseCron, type CronSchedule } from './cron';
import type { FunctionRunner } from './runner';

/** The SOURCE getWXContext() reports for a run the platform's timer started. */
export const TIMER_SOURCE = 'wx_trigger';

/** What the platform's timer hands the function (SCF's timer event; `Message` is the trigger's 附加信息). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** the time the trigger fired for, UTC to the second: `2026-12-01T02:00:00Z` */
  Time: string;
  Message: string;
}

/** One function's timer trigger as `GET /_dev/timers` lists it. */
export interface TimerTriggerInfo {
  function: string;
  /** absent when the function's `triggers` could not be read at all */
  trigger?: string;
  config?: string;
  /** when it fires next by localcloud's clock (ISO); absent when refused, or when the cron never fires again */
  nextAt?: string;
  /** why the platform would refuse the function's triggers; then none of them fires */
  error?: string;
  running: boolean;
  /** ticks that came while the previous run was still going, and were not started */
  skipped: number;
  lastRun?: { at: string; event: TimerEvent; ok: boolean; code?: string; durationMs: number };
}

/** The outcome of one timer run, as `POST /_dev/timers` answers it. */
export type TimerRun = {
  function: string;
  trigger: string;
  event: TimerEvent;
  invocationId: string;
  durationMs: number;
} & ({ ok: true; result: unknown } | { ok: false; code: string; message: string });

/** A timer that cannot be fired: unknown (404) or refused for a bad config (409). */
export class TimerTriggerError extends HttpError {}

interface Trigger {
  function: string;
  name: string;
  config: string;
  schedule: CronSchedule;
  nextAt?: number;
  running?: Promise<TimerRun>;
  skipped: number;
  lastRun?: TimerTriggerInfo['lastRun'];
}

interface FunctionTimers {
  /** config.json's `triggers` as JSON: a change rebuilds the function's triggers */
  key: string;
  triggers: Trigger[];
  error?: string;
}

/** The platform's rule for a trigger name: a letter, then letters, digits, `-` and `_`, 60 at most. */
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/**
 * Timer triggers (定时触发器) read from each function's config.json `triggers`. With `enabled`, each fires by
 * localcloud's clock (checked every second, so `/_dev/clock` moves it too: each schedule then starts again from the
 * new time, and what was skipped over does not fire); always, `fire()` runs one now.
 *
 * A run gets the platform's timer event, SOURCE `wx_trigger` and no user (no OPENID, APPID or UNIONID).
 * The platform invokes a timer asynchronously and starts the next tick even while the previous run is still
 * going (another instance), so a timer function must be safe against itself; localcloud does not start a tick
 * while the trigger's previous run is still running, and counts it as skipped, so a slow run being debugged
 * does not pile up. `fire()` waits for a running run to end, then runs.
 */
export class TimerTriggers {
  private readonly byFunction = new Map<string, FunctionTimers>();
  private timer: NodeJS.Timeout | undefined;
  /** localcloud's clock and real time at the last tick, to tell the clock being moved from time passing */
  private last: { clock: number; real: number } | undefined;
  private closed = false;

  constructor(
    private readonly core: LocalcloudCore,
    private readonly runner: FunctionRunner,
    readonly enabled: boolean,
  ) {
    if (enabled) {
      this.refresh();
      this.scheduleTick();
    }
  }

  list(): TimerTriggerInfo[] {
    this.refresh();
    const now = this.core.clock.now();
    const infos: TimerTriggerInfo[] = [];
    for (const [name, timers] of [...this.byFunction].sort(([a], [b]) => a.localeCompare(b))) {
      if (timers.error && timers.triggers.length === 0) {
        infos.push({ function: name, error: timers.error, running: false, skipped: 0 });
      }
      for (const t of timers.triggers) {
        // without real-time firing nothing advances nextAt: say when it would fire from now
        const nextAt = timers.error ? undefined : this.enabled ? t.nextAt : t.schedule.next(now);
        infos.push({
          function: name,
          trigger: t.name,
          config: t.config,
          ...(nextAt === undefined ? {} : { nextAt: new Date(nextAt).toISOString() }),
          ...(timers.error ? { error: timers.error } : {}),
          running: t.running !== undefined,
          skipped: t.skipped,
          ...(t.lastRun ? { lastRun: t.lastRun } : {}),
        });
      }
    }
    return infos;
  }

  /** Runs a trigger now (`trigger` may be left out when the function has one), after any run still going. */
  async fire(functionName: string, triggerName?: string): Promise<TimerRun> {
    this.refresh();
    const timers = this.byFunction.get(functionName);
    if (!timers) throw new TimerTriggerError(404, 'NOT_FOUND', `function ${functionName} has no timer trigger`);
    if (timers.error) {
      throw new TimerTriggerError(409, 'TRIGGER_INVALID', `function ${functionName}: ${timers.error}`);
    }
    const trigger = timers.triggers.find((t) => triggerName === undefined || t.name === triggerName);
    if (!trigger) {
      throw new TimerTriggerError(404, 'NOT_FOUND', `function ${functionName} has no trigger ${triggerName}`);
    }
    while (trigger.running) await trigger.running;
    return this.run(trigger, this.core.clock.now());
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** Re-reads every function's triggers; a function whose `triggers` did not change keeps its state. */
  private refresh(): void {
    const names = new Set(this.runner.list());
    for (const name of this.byFunction.keys()) if (!names.has(name)) this.byFunction.delete(name);
    for (const name of names) {
      const raw = this.runner.find(name)?.triggers;
      if (raw === undefined) {
        this.byFunction.delete(name);
        continue;
      }
      const key = JSON.stringify(raw) ?? '';
      if (this.byFunction.get(name)?.key === key) continue;
      try {
        const triggers = checkedTriggers(raw).map((t): Trigger => ({
          function: name,
          ...t,
          skipped: 0,
          nextAt: t.schedule.next(this.core.clock.now()),
        }));
        this.byFunction.set(name, { key, triggers });
      } catch (error) {
        const message = (error as Error).message;
        console.warn(`[localcloud] function ${name}: timer triggers not started: ${message}`);
        this.byFunction.set(name, { key, triggers: [], error: message });
      }
    }
  }

  private scheduleTick(): void {
    if (this.closed) return;
    // just after the next whole second of localcloud's clock, the cron's resolution
    const delay = 1000 - (this.core.clock.now() % 1000) + 5;
    this.timer = setTimeout(() => {
      this.tick();
      this.scheduleTick();
    }, delay);
    this.timer.unref();
  }

  private tick(): void {
    this.refresh();
    const now = this.core.clock.now();
    const real = Date.now();
    // The clock was moved (or frozen) since the last tick: each schedule starts again from the new time, and the
    // times skipped over do not fire, as they would not have been reached by waiting.
    const moved = this.last !== undefined && Math.abs(now - (this.last.clock + real - this.last.real)) > 1000;
    this.last = { clock: now, real };
    for (const timers of this.byFunction.values()) {
      for (const trigger of timers.triggers) {
        if (moved || trigger.nextAt === undefined) trigger.nextAt = trigger.schedule.next(now);
        if (trigger.nextAt === undefined || trigger.nextAt > now) continue;
        const due = trigger.nextAt;
        trigger.nextAt = trigger.schedule.next(now);
        if (trigger.running) {
          trigger.skipped += 1;
          console.warn(
            `[localcloud] timer ${trigger.function}/${trigger.name}: previous run still going, tick skipped`,
          );
          continue;
        }
        void this.run(trigger, due);
      }
    }
  }

  private run(trigger: Trigger, at: number): Promise<TimerRun> {
    const event: TimerEvent = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      Message: '',
    };
    const running = this.runner.invoke(trigger.function, event, { source: TIMER_SOURCE }).then((result): TimerRun => {
      trigger.lastRun = {
        at: new Date(this.core.clock.now()).toISOString(),
        event,
        ok: result.ok,
        ...(result.ok ? {} : { code: result.code }),
        durationMs: result.durationMs,
      };
      if (!result.ok && !this.closed)
        console.warn(`[localcloud] timer ${trigger.function}/${trigger.name} failed: ${result.message}`);
      const base = {
        function: trigger.function,
        trigger: trigger.name,
        event,
        invocationId: result.invocationId,
        durationMs: result.durationMs,
      };
      return result.ok
        ? { ...base, ok: true, result: result.result }
        : { ...base, ok: false, code: result.code, message: result.message };
    });
    trigger.running = running;
    void running.finally(() => {
      if (trigger.running === running) trigger.running = undefined;
    });
    return running;
  }
}

/** config.json `triggers` checked as the platform checks them at upload. */
function checkedTriggers(raw: unknown): { name: string; config: string; schedule: CronSchedule }[] {
  if (!Array.isArray(raw)) throw new Error('"triggers" must be an array');
  // the WeChat docs: 目前仅支持一个触发器，即数组只能填写一个
  if (raw.length > 1) throw new Error(`the platform takes one trigger per function; "triggers" lists ${raw.length}`);
  return raw.map((entry) => {
    if (!isPlainObject(entry)) throw new Error('each trigger must be an object {name, type, config}');
    const { name, type, config } = entry;
    if (typeof name !== 'string' || !TRIGGER_NAME.test(name)) {
      throw new Error(`trigger name ${JSON.stringify(name)}: a letter, then letters, digits, - or _, 60 at most`);
    }
    if (type !== 'timer') throw new Error(`trigger ${name}: type must be "timer", the only type the platform has`);
    if (typeof config !== 'string') throw new Error(`trigger ${name}: config must be a cron expression string`);
    try {
      return { name, config, schedule: parseCron(config) };
    } catch (error) {
      throw new Error(`trigger ${name}: bad cron: ${(error as Error).message}`, { cause: error });
    }
  });
}

/**
 * `GET /_dev/timers` lists every trigger with its next fire time; `POST /_dev/timers {function, trigger?}` fires
 * one now and answers with the run (`ok`, and `result` or `code`/`message`).
 */
export function installTimerRoutes(core: LocalcloudCore, timers: TimerTriggers): void {
  core.server.routes.push(
    {
      method: 'GET',
      prefix: '/_dev/timers',
      handle(_req, res) {
        sendJson(res, 200, { enabled: timers.enabled, triggers: timers.list() });
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/timers',
      async handle(req, res) {
        const body = await readJson(req, 64 * 1024);
        if (!isPlainObject(body) || typeof body.function !== 'string' || body.function === '') {
          throw new HttpError(400, 'INVALID_PARAM', 'body must be {"function": "<name>", "trigger"?: "<name>"}');
        }
        if (body.trigger !== undefined && typeof body.trigger !== 'string') {
          throw new HttpError(400, 'INVALID_PARAM', '"trigger" must be the trigger\'s name');
        }
        sendJson(res, 200, await timers.fire(body.function, body.trigger));
      },
    },
  );
}
