import type { FunctionInfo } from './discovery';
import type { Instance } from './instance';

interface Waiter {
  fn: FunctionInfo;
  resolve(instance: Instance): void;
  reject(error: Error): void;
}

/**
 * One function's instances. Calls take an idle instance (warm), else start one up to `max` (the platform
 * scales out per concurrent request), else queue. An instance of an older bundle is not reused: a rebuild
 * while localcloud runs takes effect on the next call.
 */
export class InstancePool {
  private readonly instances = new Set<Instance>();
  private readonly waiters: Waiter[] = [];
  private latestMtimeMs = 0;
  private closed = false;

  constructor(
    private readonly max: number,
    private readonly spawn: (fn: FunctionInfo) => Instance,
  ) {}

  acquire(fn: FunctionInfo): Promise<Instance> {
    if (this.closed) return Promise.reject(new Error('localcloud is shutting down'));
    this.latestMtimeMs = fn.mtimeMs;
    this.prune();
    // the most recently used idle instance: the warmest, and it lets the others age out
    let idle: Instance | undefined;
    for (const instance of this.instances) {
      if (!instance.busy && (!idle || instance.lastUsed > idle.lastUsed)) idle = instance;
    }
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.instances.size < this.max) return Promise.resolve(this.start(fn));
    return new Promise((resolve, reject) => this.waiters.push({ fn, resolve, reject }));
  }

  release(instance: Instance): void {
    instance.busy = false;
    instance.lastUsed = Date.now();
    if (!instance.alive || instance.bundleMtimeMs !== this.latestMtimeMs || this.closed) {
      this.instances.delete(instance);
      instance.kill();
    }
    const waiter = this.waiters.shift();
    if (!waiter) return;
    if (this.instances.has(instance) && instance.bundleMtimeMs === waiter.fn.mtimeMs) {
      instance.busy = true;
      waiter.resolve(instance);
      return;
    }
    try {
      this.prune();
      waiter.resolve(this.start(waiter.fn));
    } catch (error) {
      waiter.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Stops instances idle since before `cutoff` (ms since epoch). */
  reapIdle(cutoff: number): void {
    for (const instance of this.instances) {
      if (!instance.busy && instance.lastUsed < cutoff) {
        this.instances.delete(instance);
        instance.kill();
      }
    }
  }

  describe(): { pid?: number; busy: boolean; served: number }[] {
    return [...this.instances].map((instance) => ({ pid: instance.pid, busy: instance.busy, served: instance.served }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('localcloud is shutting down'));
    const all = [...this.instances];
    this.instances.clear();
    await Promise.all(all.map((instance) => instance.stop()));
  }

  /** Forgets dead instances and stops idle ones of an older bundle. */
  private prune(): void {
    for (const instance of this.instances) {
      if (!instance.alive || (!instance.busy && instance.bundleMtimeMs !== this.latestMtimeMs)) {
        this.instances.delete(instance);
        instance.kill();
      }
    }
  }

  private start(fn: FunctionInfo): Instance {
    const instance = this.spawn(fn);
    instance.busy = true;
    this.instances.add(instance);
    return instance;
  }
}
