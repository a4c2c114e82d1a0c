/**
 * Benchmark (not a test): the gate under a realistic load.
 *
 *   npm run bench:gate [-- --houses 5000 --records 200000 --runs 200 | --tiny]
 *
 * Loads a community of N houses (one resident each) and M access records into localcloud, then
 * prints the database wire calls per resident-pass issue, per guard release and per device
 * verify (from `X-Localcloud-Db-Calls`), and the p50/p95 latency of device verify through the
 * gateway, and the size of a pass code and of the QR home draws for it; then visitor passes: a booking
 * (`visitor.book`), its approval (`visitor.decide`, with the pass and the notification in one transaction) and
 * the pass's release at the gate. Targets: at most 2 calls per issue, at most 4 per release; a QR of at most
 * 49 × 49 modules (version 8) at error correction M.
 */
import { randomBytes } from 'node:crypto';
import type { Localcloud } from '../localcloud';
import type { Envelope } from '../miniprogram/core/envelope';
import { PASS_STATUS_POLL_MS } from '../miniprogram/core/api/pass';
import { LEGAL_EDITION } from '../miniprogram/core/consent';
import { DEFAULT_RESIDENT_PASS_SETTINGS } from '../miniprogram/core/pass-rules';
import { DEMO_OPENIDS } from '../demo/identities';
import { qrModules } from '../miniprogram/core/pass-qr';
import { benchmarkOptions } from './benchmark-options';
import { invoke, percentiles, verifyAtDevice, withDemoCloud, type Timed } from './bench-gateway';

// runs are split between releases and device verifies: the tiny mode's two are one of each
const {
  houses: HOUSES,
  records: RECORDS,
  runs: RUNS,
} = benchmarkOptions({
  houses: { full: 5000, tiny: 20 },
  records: { full: 200_000, tiny: 50 },
  runs: { full: 200, tiny: 2 },
});
const SITE = 'site-haixin-huiyuan';
const BATCH = 1000;

async function main(): Promise<void> {
  await withDemoCloud('bench-gate', async (lc) => {
    // a weekday noon, three exits a day: every pass may go out (and is counted), whatever the machine's clock says
    lc.clock.setOffset(Date.parse('2026-11-24T04:00:00Z') - Date.now());
    await lc.db.modify(
      'sites',
      { _id: SITE },
      { $set: { residentPass: { ...DEFAULT_RESIDENT_PASS_SETTINGS, exitsPerPeriod: 3 }, releaseMode: 'guard' } },
      {
        multi: false,
        merge: true,
        upsert: false,
      },
    );
    const started = performance.now();
    await loadCommunity(lc);
    console.log(
      `gate benchmark — ${HOUSES.toLocaleString('en')} houses, ${RECORDS.toLocaleString('en')} access records ` +
        `(loaded in ${((performance.now() - started) / 1000).toFixed(1)} s), ${RUNS} runs, node ${process.version}`,
    );

    const residents = Array.from({ length: RUNS }, (_v, i) => `bench-resident-${(i * 7919) % HOUSES}`);
    const issues = [];
    for (const openid of residents)
      issues.push(await call(lc, 'pass', { action: 'residentPass', siteId: SITE }, openid));
    const codes = issues.map((r) => (r.body as { data: { code: string } }).data.code);
    const passIds = issues.map((r) => (r.body as { data: { passId: string } }).data.passId);

    const releases = [];
    for (const code of codes.slice(0, RUNS / 2)) {
      releases.push(
        await call(
          lc,
          'gate',
          { action: 'release', code, siteId: SITE, requestId: randomBytes(8).toString('hex') },
          DEMO_OPENIDS.guard,
        ),
      );
    }
    // P5: a site's residents' passes are released by its guards or by its QR door devices, never both at once
    await lc.db.modify(
      'sites',
      { _id: SITE },
      { $set: { releaseMode: 'device' } },
      { multi: false, merge: true, upsert: false },
    );
    const verifies: Array<{ ms: number; dbCalls: number }> = [];
    for (const code of codes.slice(RUNS / 2)) {
      // a second apart on localcloud's clock: a real reader scans people one at a time (60 a minute at most)
      lc.clock.setOffset(lc.clock.offsetMs() + 1000);
      verifies.push(await deviceVerify(lc, code));
    }

    // home's poll while a code is on screen: half these passes were released above, half are still good
    const statuses = [];
    for (const [i, passId] of passIds.entries())
      statuses.push(await call(lc, 'pass', { action: 'passStatus', passId }, residents[i]));

    reportCodeSize(codes[0]);
    report('resident pass issue (pass.residentPass)', issues);
    report('pass status poll (pass.passStatus)', statuses);
    reportPollCost(statuses);
    report('guard release (gate.release)', releases);
    report('device verify (POST /http/device/verify)', verifies);
    await benchVisitorPasses(lc, Math.max(1, RUNS / 2));
  });
}

/**
 * Visitors to 张伟 (demo): each booked, approved by him, then released at the gate once the visit has begun. The
 * clock moves to the visits' start, so this runs after everything else.
 */
async function benchVisitorPasses(lc: Localcloud, count: number): Promise<void> {
  const start = Math.ceil((lc.clock.now() + 3600_000) / 60_000) * 60_000;
  const window = { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() };
  const books = [];
  const decisions = [];
  const codes: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const visitor = `bench-visitor-${i}`;
    const book = await call(
      lc,
      'visitor',
      {
        action: 'book',
        requestId: randomBytes(8).toString('hex'),
        siteId: SITE,
        hostName: '张伟',
        hostPhone: '13912340001',
        visitorName: '访客',
        visitorPhone: `1380000${String(i).padStart(4, '0')}`,
        purpose: '探亲访友',
        // 海信慧园 asks visitors for their ID number (demo/data.ts), given with consent
        idNumber: '11010519491231002X',
        consentEdition: LEGAL_EDITION,
        ...window,
      },
      visitor,
    );
    books.push(book);
    const visitId = (book.body as { data: { visit: { id: string } } }).data.visit.id;
    decisions.push(
      await call(
        lc,
        'visitor',
        { action: 'decide', requestId: randomBytes(8).toString('hex'), visitId, approve: true },
        DEMO_OPENIDS.resident,
      ),
    );
    const detail = await call(lc, 'visitor', { action: 'detail', visitId }, visitor);
    codes.push((detail.body as { data: { visit: { pass: { code: string } } } }).data.visit.pass.code);
  }
  lc.clock.setOffset(lc.clock.offsetMs() + (start + 60_000 - lc.clock.now()));
  const releases = [];
  for (const code of codes) {
    releases.push(
      await call(
        lc,
        'gate',
        { action: 'release', code, siteId: SITE, requestId: randomBytes(8).toString('hex') },
        DEMO_OPENIDS.guard,
      ),
    );
  }
  report('visitor booking (visitor.book)', books);
  report('visitor approval (visitor.decide)', decisions);
  report('visitor pass release (gate.release)', releases);
}

async function loadCommunity(lc: Localcloud): Promise<void> {
  const now = new Date(lc.clock.now());
  for (let start = 0; start < HOUSES; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, HOUSES - start) }, (_v, k) => start + k);
    await lc.db.insert(
      'houses',
      ids.map((i) => ({
        _id: `bench-house-${i}`,
        siteId: SITE,
        building: String(100 + Math.floor(i / 100)),
        unit: '1',
        room: String(i % 100),
        label: `${100 + Math.floor(i / 100)}栋1单元${i % 100}`,
        arrears: false,
        createdAt: now,
      })),
    );
    await lc.db.insert(
      'users',
      ids.map((i) => ({
        _id: `bench-user-${i}`,
        openid: `bench-resident-${i}`,
        name: `住户${i}`,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await lc.db.insert(
      'memberships',
      ids.map((i) => ({
        _id: `bench-m-${i}`,
        userId: `bench-user-${i}`,
        siteId: SITE,
        role: 'resident',
        houseId: `bench-house-${i}`,
        status: 'active',
        createdAt: now,
      })),
    );
  }
  for (let start = 0; start < RECORDS; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, RECORDS - start) }, (_v, k) => {
      const i = (start + k) % HOUSES;
      return {
        siteId: SITE,
        at: new Date(now.getTime() - (start + k) * 60_000),
        kind: 'release',
        result: 'ok',
        passId: randomBytes(16).toString('hex'),
        passType: 'resident',
        userId: `bench-user-${i}`,
        houseId: `bench-house-${i}`,
        direction: 'out',
        actor: { kind: 'guard', id: 'user-wangqiang' },
      };
    });
    await lc.db.insert('accessRecords', docs);
  }
}

/** A call that must succeed: a benchmark of refusals would measure something else. */
async function call(lc: Localcloud, fn: string, event: object, openid: string): Promise<Timed<Envelope<unknown>>> {
  const timed = await invoke(lc, fn, event, openid);
  if (!timed.body.ok) throw new Error(`${fn} ${JSON.stringify(event).slice(0, 60)} failed: ${timed.body.message}`);
  return timed;
}

async function deviceVerify(lc: Localcloud, code: string): Promise<{ ms: number; dbCalls: number }> {
  const { ms, dbCalls, body } = await verifyAtDevice(lc, 'device-hx-east', code);
  if (body.result !== 'open') throw new Error(`device verify refused: ${body.message}`);
  return { ms, dbCalls };
}

/** The code's length and the QR home draws for it (the same modules, core/pass-qr.ts). */
function reportCodeSize(code: string): void {
  const { count } = qrModules(code);
  console.log(
    `${'pass code'.padEnd(44)} ${code.length} characters   QR version ${(count - 17) / 4}, ${count} × ${count} modules at error correction M`,
  );
}

/**
 * What a minute of the door screen costs: a status call every PASS_STATUS_POLL_MS, each one function call and its
 * database calls, plus the code's own refresh (one residentPass every nine minutes).
 */
function reportPollCost(statuses: Array<{ dbCalls: number }>): void {
  const perMinute = 60_000 / PASS_STATUS_POLL_MS;
  const dbCalls = Math.max(...statuses.map((s) => s.dbCalls));
  console.log(
    `door screen on display: ${perMinute} status calls a minute (every ${PASS_STATUS_POLL_MS / 1000} s), ` +
      `${perMinute * dbCalls} database wire calls a minute, plus one pass (2 calls) per 9 minutes`,
  );
}

function report(label: string, samples: Array<{ ms: number; dbCalls: number }>): void {
  const at = percentiles(samples.map((s) => s.ms));
  const calls = [...new Set(samples.map((s) => s.dbCalls))].sort().join('/');
  console.log(
    `${label.padEnd(44)} db calls ${calls.padStart(3)}   p50 ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
