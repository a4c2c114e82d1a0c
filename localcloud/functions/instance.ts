import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { WorkerDone, WorkerInvoke, WorkerReply } from './protocol';

/** How long loading a bundle (module top level, `cloud.init`) may take before the instance is given up. */
export const INIT_TIMEOUT_MS = 30_000;

export type InstanceOutcome =
  { kind: 'done'; reply: WorkerDone } | { kind: 'timeout'; phase: 'init' | 'run' } | { kind: 'crash'; detail: string };

export interface InstanceOptions {
  script: string;
  bundle: string;
  bundleMtimeMs: number;
  /** where the instance keeps V8's compiled code of the bundle for the next cold start (code-cache.ts) */
  codeCacheDir: string;
  /** the whole environment of the process: nothing of localcloud's own leaks in */
  env: Record<string, string>;
  memoryMb: number;
  /** the Node binary the instance runs on */
  execPath: string;
  onLog(stream: 'stdout' | 'stderr', line: string): void;
}

/**
 * One function instance: a child process serving one invocation at a time. A timed-out or crashed instance
 * is killed and never reused, as SCF replaces an instance whose invocation ran over its time limit.
 */
export class Instance {
  readonly bundleMtimeMs: number;
  busy = false;
  served = 0;
  lastUsed = Date.now();
  private readonly child: ChildProcess;
  private exited = false;
  private exitWaiters: (() => void)[] = [];
  private killed = false;
  private current: { id: string; started(): void; settle(outcome: InstanceOutcome): void } | undefined;

  constructor(options: InstanceOptions) {
    this.bundleMtimeMs = options.bundleMtimeMs;
    this.child = fork(options.script, [options.bundle, options.codeCacheDir], {
      execPath: options.execPath,
      env: options.env,
      // no tsx or jest flags: the function runs in a plain node, as on the platform
      execArgv: [`--max-old-space-size=${options.memoryMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.child[stream];
      if (source) createInterface({ input: source }).on('line', (line) => options.onLog(stream, line));
    }
    this.child.on('message', (message: WorkerReply) => {
      if (!this.current || message?.id !== this.current.id) return;
      if (message.type === 'started') this.current.started();
      else if (message.type === 'done') this.current.settle({ kind: 'done', reply: message });
    });
    this.child.on('error', (error) => this.current?.settle({ kind: 'crash', detail: error.message }));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      const detail = signal ? `signal ${signal}` : `code ${code}`;
      this.current?.settle({ kind: 'crash', detail: `function instance exited (${detail}) before it replied` });
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** false as soon as it is killed: a killed process may take a moment to exit but must not be reused */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /**
   * Runs one invocation; a timeout kills the process before the outcome is reported. The time limit starts
   * when `main` is called: loading the bundle (the cold start) has its own, longer limit, as SCF gives
   * initialisation its own timeout. Ten cold starts at once on two cores must not look like slow code.
   */
  run(message: WorkerInvoke, timeoutMs: number): Promise<InstanceOutcome> {
    if (this.current) throw new Error('function instance is busy');
    return new Promise((resolve) => {
      const expire = (phase: 'init' | 'run') => () => {
        this.current?.settle({ kind: 'timeout', phase });
        this.kill();
      };
      let timer = setTimeout(expire('init'), INIT_TIMEOUT_MS);
      this.current = {
        id: message.id,
        started: () => {
          clearTimeout(timer);
          timer = setTimeout(expire('run'), timeoutMs);
        },
        settle: (outcome) => {
          clearTimeout(timer);
          this.current = undefined;
          this.served += 1;
          resolve(outcome);
        },
      };
      if (!this.alive) {
        this.current.settle({ kind: 'crash', detail: 'function instance is not running' });
        return;
      }
      this.child.send(message, (error) => {
        if (error) this.current?.settle({ kind: 'crash', detail: `could not reach the instance: ${error.message}` });
      });
    });
  }

  kill(): void {
    if (this.exited || this.killed) return;
    this.killed = true;
    this.child.kill('SIGKILL');
  }

  /** Kills the process and resolves once it is gone (or at once if it already is). */
  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.exitWaiters.push(resolve);
      this.kill();
    });
  }
}
