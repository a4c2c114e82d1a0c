/**
 * Injected database faults, set through `POST /_dev/faults`, so tests can see what functions do
 * when the database misbehaves:
 * - `fail`: the next N calls are refused without running;
 * - `failAfterWrite`: the next N calls run (a write is applied and kept) but the reply is an
 *   error — the case of a write that succeeded while its answer was lost, which retries must survive;
 * - `slow`: the next N calls are answered after `delayMs`.
 * `collection` limits a fault to calls on that collection.
 */
export interface FaultSpec {
  mode: 'fail' | 'failAfterWrite' | 'slow';
  count: number;
  delayMs?: number;
  collection?: string;
}

export class DatabaseFaults {
  private pending: FaultSpec[] = [];

  add(spec: FaultSpec): void {
    if (!['fail', 'failAfterWrite', 'slow'].includes(spec.mode))
      throw new RangeError(`unknown fault mode ${String(spec.mode)}`);
    if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > 10_000)
      throw new RangeError('count must be 1..10000');
    if (spec.mode === 'slow' && (!Number.isFinite(spec.delayMs) || spec.delayMs! < 0 || spec.delayMs! > 60_000)) {
      throw new RangeError('slow needs delayMs 0..60000');
    }
    this.pending.push({ ...spec });
  }

  clear(): void {
    this.pending = [];
  }

  list(): readonly FaultSpec[] {
    return this.pending;
  }

  /** Takes the fault that applies to this call, if any (one use of its count). */
  take(collection: string | undefined): FaultSpec | undefined {
    const index = this.pending.findIndex((f) => f.collection === undefined || f.collection === collection);
    if (index === -1) return undefined;
    const fault = this.pending[index];
    fault.count -= 1;
    if (fault.count === 0) this.pending.splice(index, 1);
    return fault;
  }
}
