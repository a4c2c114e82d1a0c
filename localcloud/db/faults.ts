/**
 * Injected database faults, set through `POST /_dev/faults`, so tests can see what functions do
 * when the database misbehaves:
 * - `fail`: the next N calls are refused without running;
 * - `failAfterWrite`: the next N calls run (a write is applied and kept) but the reply is an
 *   error — the case of a write that succeeded while its answer was lost, which retries must survive;
 * - `slow`: the next N calls are answered after `delayMs`.
 * `collection` limits a fault to calls on that collection, `op` to one wire action (`insertDocument`,
 * `modifyDocument`, `removeDocument`, `getDocument` …, without the `database.` prefix), and `skip`
 * lets that many matching calls through first — so a test can lose the reply of one chosen write
 * (the third update of `orders`, say) rather than whatever call happens to come next.
 */
export interface FaultSpec {
  mode: 'fail' | 'failAfterWrite' | 'slow';
  count: number;
  delayMs?: number;
  collection?: string;
  op?: string;
  skip?: number;
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
    if (spec.skip !== undefined && (!Number.isInteger(spec.skip) || spec.skip < 0 || spec.skip > 10_000))
      throw new RangeError('skip must be 0..10000');
    if (spec.op !== undefined && !/^[A-Za-z]+$/.test(spec.op)) throw new RangeError('op names a wire action');
    this.pending.push({ ...spec });
  }

  clear(): void {
    this.pending = [];
  }

  list(): readonly FaultSpec[] {
    return this.pending;
  }

  /** Takes the fault that applies to this call, if any (one use of its skip, else of its count). */
  take(collection: string | undefined, op: string): FaultSpec | undefined {
    const index = this.pending.findIndex(
      (f) => (f.collection === undefined || f.collection === collection) && (f.op === undefined || f.op === op),
    );
    if (index === -1) return undefined;
    const fault = this.pending[index];
    if (fault.skip) {
      fault.skip -= 1;
      return undefined;
    }
    fault.count -= 1;
    if (fault.count === 0) this.pending.splice(index, 1);
    return fault;
  }
}
