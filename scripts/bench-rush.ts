/**
 * Benchmark (not a test): the morning rush at one community.
 *
 *   npm run bench:rush [-- --houses 5000 --minutes 10 --per-minute 600 --parallel 16 | --tiny]
 *
 * A community of N houses with three residents each, four gates with a guard and QR door devices each. For each
 * simulated minute (localcloud's clock is set to the minute's start), `--per-minute` residents picked at random
 * (some twice, so quotas bite) fetch a code (`pass.residentPass`), their door screen asks once whether it was used
 * (`pass.passStatus`), and the code is released. A site releases residents' passes one way (P5), so the site's
 * release mode changes every minute: in a 门禁二维码 minute the QR door devices release (`POST /http/device/verify`,
 * up to 50 a minute per device, under the 60-a-minute limit of docs/devices.md: each gate has as many as that
 * takes), in a 门岗扫码 minute the guards of the gates (`gate.release`). Up to `--parallel` residents are at the
 * gates at once.
 *
 * Prints the throughput, p50 / p95 / p99 per action, refusals by reason, and then the proof, read back from the
 * access records: no pass released twice, and no resident over the site's exits a day.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Localcloud } from '../localcloud';
import { DEFAULT_RESIDENT_PASS_SETTINGS } from '../miniprogram/core/pass-rules';
import { benchmarkOptions } from './benchmark-options';
import { invoke, percentiles, verifyAtDevice, withDemoCloud } from './bench-gateway';

const {
  houses: HOUSES,
  minutes: MINUTES,
  'per-minute': PER_MINUTE,
  parallel: PARALLEL,
} = benchmarkOptions({
  houses: { full: 5000, tiny: 10 },
  minutes: { full: 10, tiny: 2 },
  'per-minute': { full: 600, tiny: 12 },
  parallel: { full: 16, tiny: 4 },
});
const SITE = 'site-haixin-huiyuan';
const RESIDENTS_PER_HOUSE = 3;
const EXITS_A_DAY = 2;
const GATES = ['东门', '西门', '南门', '北门'];
const DEVICE_SHARE_PER_MINUTE = 50;
/** enough devices at each gate that a 门禁二维码 minute's exits stay under every device's limit */
const DEVICES = GATES.length * Math.ceil(PER_MINUTE / (GATES.length * DEVICE_SHARE_PER_MINUTE));
/** 07:30 in Shanghai on a weekday: inside the exit hours, the rush */
const RUSH_START = Date.parse('2026-11-24T07:30:00+08:00');
const BATCH = 1000;

interface Sample {
  action: string;
  ms: number;
  refusal?: string;
}

async function main(): Promise<void> {
  await withDemoCloud('bench-rush', async (lc) => {
    setClock(lc, RUSH_START);
    const loadStarted = performance.now();
    await loadCommunity(lc);
    const residents = HOUSES * RESIDENTS_PER_HOUSE;
    console.log(
      `morning rush — ${HOUSES.toLocaleString('en')} houses, ${residents.toLocaleString('en')} residents, ` +
        `${GATES.length} gates with a guard and ${DEVICES / GATES.length} QR door devices each (release mode ` +
        `changing every minute), ${PER_MINUTE} exits a minute for ` +
        `${MINUTES} simulated minutes, ${PARALLEL} at once, ${EXITS_A_DAY} exits a resident a day ` +
        `(loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s), node ${process.version}`,
    );

    const random = seeded('rush');
    const samples: Sample[] = [];
    const started = performance.now();
    for (let minute = 0; minute < MINUTES; minute += 1) {
      setClock(lc, RUSH_START + minute * 60_000);
      const byDevices = minute % 2 === 0;
      await setReleaseMode(lc, byDevices ? 'device' : 'guard');
      const exits = Array.from({ length: PER_MINUTE }, (_v, i) => ({
        resident: Math.floor(random() * residents),
        // round robin over the devices, or over the gates' guards
        door: byDevices ? { device: i % DEVICES } : { guard: i % GATES.length },
      }));
      await inParallel(exits, PARALLEL, (exit) => oneExit(lc, exit.resident, exit.door, samples));
    }
    const seconds = (performance.now() - started) / 1000;
    const releases = samples.filter((s) => s.action.startsWith('release') && !s.refusal);
    console.log(
      `${releases.length} released of ${MINUTES * PER_MINUTE} exits in ${seconds.toFixed(1)} s: ` +
        `${((releases.length / seconds) * 60).toFixed(0)} releases a minute of real time, each with its code fetch ` +
        `and status check`,
    );
    for (const action of new Set(samples.map((s) => s.action))) report(action, samples);
    reportRefusals(samples);
    prove(lc);
  });
}

async function oneExit(
  lc: Localcloud,
  resident: number,
  door: { device: number } | { guard: number },
  samples: Sample[],
): Promise<void> {
  const openid = `rush-resident-${resident}`;
  const issued = await call(lc, 'pass', { action: 'residentPass', siteId: SITE }, openid);
  samples.push({ action: 'code fetch (pass.residentPass)', ms: issued.ms, refusal: issued.refusal });
  if (issued.refusal) return;
  const { code, passId } = issued.data as { code: string; passId: string };
  const status = await call(lc, 'pass', { action: 'passStatus', passId }, openid);
  samples.push({ action: 'status check (pass.passStatus)', ms: status.ms, refusal: status.refusal });
  if ('device' in door) {
    const verified = await deviceVerify(lc, door.device, code);
    samples.push({ action: 'release by QR door device', ...verified });
  } else {
    const released = await call(
      lc,
      'gate',
      { action: 'release', code, siteId: SITE, gate: GATES[door.guard], requestId: randomBytes(8).toString('hex') },
      `rush-guard-${door.guard}`,
    );
    samples.push({ action: 'release by guard (gate.release)', ms: released.ms, refusal: released.refusal });
  }
}

/** Read back from the records: every pass released at most once, every resident within the exits a day. */
function prove(lc: Localcloud): void {
  // read in pages: the database answers at most MAX_LIMIT documents a query, as the platform's does
  const query = { siteId: SITE, kind: 'release', result: 'ok' };
  const released: Array<Record<string, unknown>> = [];
  for (let page: unknown[] = [null]; page.length > 0;) {
    page = lc.db.find('accessRecords', query, { order: { _id: 1 }, offset: released.length, limit: 1000 });
    released.push(...(page as Array<Record<string, unknown>>));
  }
  const perPass = new Map<string, number>();
  const perResident = new Map<string, number>();
  for (const record of released) {
    const passId = String(record.passId);
    perPass.set(passId, (perPass.get(passId) ?? 0) + 1);
    const userId = String(record.userId);
    perResident.set(userId, (perResident.get(userId) ?? 0) + 1);
  }
  const twice = [...perPass.values()].filter((n) => n > 1).length;
  const over = [...perResident.values()].filter((n) => n > EXITS_A_DAY).length;
  const atLimit = [...perResident.values()].filter((n) => n === EXITS_A_DAY).length;
  console.log(
    `proof from ${released.length} release records: passes released twice ${twice}, residents over ` +
      `${EXITS_A_DAY} exits ${over} (${atLimit} used both)`,
  );
  if (twice > 0 || over > 0) throw new Error('the rush broke single use or the exit quota');
}

async function loadCommunity(lc: Localcloud): Promise<void> {
  const now = new Date(lc.clock.now());
  await lc.db.modify(
    'sites',
    { _id: SITE },
    {
      $set: {
        residentPass: {
          ...DEFAULT_RESIDENT_PASS_SETTINGS,
          countingMode: 'perPerson',
          periodDays: 1,
          exitsPerPeriod: EXITS_A_DAY,
          periodAnchor: '2026-11-01',
        },
      },
    },
    { multi: false, merge: true, upsert: false },
  );
  for (let d = 0; d < DEVICES; d += 1) {
    const gate = GATES[d % GATES.length];
    await lc.db.insert('devices', [
      {
        _id: `rush-device-${d}`,
        siteId: SITE,
        name: `${gate}门禁${1 + Math.floor(d / GATES.length)}`,
        gate,
        secretVersion: 1,
        status: 'active',
        createdAt: now,
      },
    ]);
  }
  for (let i = 0; i < GATES.length; i += 1) {
    await lc.db.insert('users', [
      { _id: `rush-guard-user-${i}`, openid: `rush-guard-${i}`, name: `门岗${i + 1}`, createdAt: now, updatedAt: now },
    ]);
    await lc.db.insert('memberships', [
      {
        _id: `rush-guard-m-${i}`,
        userId: `rush-guard-user-${i}`,
        siteId: SITE,
        role: 'guard',
        status: 'active',
        createdAt: now,
      },
    ]);
  }
  const residents = HOUSES * RESIDENTS_PER_HOUSE;
  for (let start = 0; start < residents; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, residents - start) }, (_v, k) => start + k);
    const houses = ids.filter((i) => i % RESIDENTS_PER_HOUSE === 0).map((i) => i / RESIDENTS_PER_HOUSE);
    await lc.db.insert(
      'houses',
      houses.map((h) => ({
        _id: `rush-house-${h}`,
        siteId: SITE,
        building: String(1 + Math.floor(h / 100)),
        unit: '1',
        room: String(h % 100),
        label: `${1 + Math.floor(h / 100)}栋1单元${h % 100}`,
        arrears: false,
        createdAt: now,
      })),
    );
    await lc.db.insert(
      'users',
      ids.map((i) => ({
        _id: `rush-user-${i}`,
        openid: `rush-resident-${i}`,
        name: `住户${i}`,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await lc.db.insert(
      'memberships',
      ids.map((i) => ({
        _id: `rush-m-${i}`,
        userId: `rush-user-${i}`,
        siteId: SITE,
        role: 'resident',
        houseId: `rush-house-${Math.floor(i / RESIDENTS_PER_HOUSE)}`,
        status: 'active',
        createdAt: now,
      })),
    );
  }
}

/** A call whose refusal is part of the rush (a spent quota), counted by reason; a crash stops the benchmark. */
async function call(
  lc: Localcloud,
  fn: string,
  event: object,
  openid: string,
): Promise<{ ms: number; data?: unknown; refusal?: string }> {
  const { ms, body } = await invoke(lc, fn, event, openid);
  if (body.ok) return { ms, data: body.data };
  if (body.code === 'INTERNAL') throw new Error(`${fn} failed: ${body.message}`);
  return { ms, refusal: body.code };
}

async function deviceVerify(lc: Localcloud, index: number, code: string): Promise<{ ms: number; refusal?: string }> {
  const { ms, body, status } = await verifyAtDevice(lc, `rush-device-${index}`, code);
  if (body.result === 'open') return { ms };
  if (body.result === 'refuse') return { ms, refusal: body.code ?? 'unknown' };
  throw new Error(`device verify failed: ${status} ${body.message}`);
}

/** P5: the site's guards or its QR door devices release residents' passes. */
async function setReleaseMode(lc: Localcloud, mode: 'guard' | 'device'): Promise<void> {
  await lc.db.modify(
    'sites',
    { _id: SITE },
    { $set: { releaseMode: mode } },
    { multi: false, merge: true, upsert: false },
  );
}

function setClock(lc: Localcloud, at: number): void {
  lc.clock.setOffset(at - Date.now());
}

/** Runs `work` over `items` with at most `width` at once. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** A repeatable stream of numbers in [0, 1): the same residents rush in every run. */
function seeded(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest();
  let at = 0;
  return () => {
    if (at + 4 > state.length) {
      state = createHash('sha256').update(state).digest();
      at = 0;
    }
    const value = state.readUInt32BE(at) / 2 ** 32;
    at += 4;
    return value;
  };
}

function report(action: string, samples: Sample[]): void {
  const own = samples.filter((s) => s.action === action);
  const at = percentiles(own.map((s) => s.ms));
  console.log(
    `${action.padEnd(34)} ${String(own.length).padStart(6)} calls   p50 ${at(0.5).toFixed(1).padStart(6)} ms   ` +
      `p95 ${at(0.95).toFixed(1).padStart(6)} ms   p99 ${at(0.99).toFixed(1).padStart(6)} ms`,
  );
}

function reportRefusals(samples: Sample[]): void {
  const byReason = new Map<string, number>();
  for (const s of samples) if (s.refusal) byReason.set(s.refusal, (byReason.get(s.refusal) ?? 0) + 1);
  const listed = [...byReason].map(([reason, n]) => `${reason} ${n}`).join(', ');
  console.log(`refusals: ${listed || 'none'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
