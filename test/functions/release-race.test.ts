import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { deviceVerify, setReleaseMode } from './support/device';
import { HX, addStaff, codeFor, cst, release, setRules } from '../support/fixtures';
import { setClock } from '../support/clock';
import { codeFields } from '../support/pass-codes';

// Single use and exit quotas under real concurrency (issue 10, defect 1): several guards, or several
// requests of a QR door device, release at the same instant. A site releases residents' passes one way
// (P5: the guards refuse them where the devices release), so the rounds alternate the two. The calls overlap for real: the gate's and the device's
// function instances are warm before each race, and every access-record write is held back a
// moment, so all contenders have read the pass (unreleased) and counted its exit before anyone
// writes the release record.

const { resident, guard } = DEMO_OPENIDS;
const GUARDS = [guard, 'wx-race-guard-2', 'wx-race-guard-3'];
const ROUNDS = 20;
const app = useAppCloud({ setsLocalcloudUrl: true });

beforeAll(async () => {
  for (const openid of GUARDS.slice(1)) await addStaff(app, openid, HX, 'guard');
});

/** Rounds two by two: guards, then the device, so both meet each exit limit. */
const modeOf = (round: number): 'guard' | 'device' => (Math.floor(round / 2) % 2 ? 'device' : 'guard');

/** 2, 4, … up to 50 contenders over the rounds. */
const contenders = (round: number) => 2 + Math.round((round * 48) / (ROUNDS - 1));

/** Ten instances of each function running, so a race is not serialised by cold starts. */
async function warm(): Promise<void> {
  await Promise.all(
    Array.from({ length: 10 }, (_v, i) => [
      app.call('gate', { action: 'warm-up' }, GUARDS[i % GUARDS.length]),
      deviceVerify(app, {}, { deviceId: 'device-warm-up' }),
    ]).flat(),
  );
}

/** Holds the next `count` access-record writes for `delayMs`. */
async function holdRecordWrites(count: number, delayMs = 150): Promise<void> {
  await fetch(`${app.lc.url}/_dev/faults`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'slow', count, delayMs, collection: 'accessRecords' }),
  });
}

async function clearFaults(): Promise<void> {
  await fetch(`${app.lc.url}/_dev/faults`, { method: 'POST', body: JSON.stringify({ clear: true }) });
}

/** One release by contender `i`: a guard at the gate, or the site's device. */
async function releaseAs(mode: 'guard' | 'device', i: number, code: string): Promise<{ ok: boolean; code?: string }> {
  if (mode === 'device') {
    const answer = await deviceVerify(app, { code });
    if (answer.body.result === 'open') return { ok: true };
    return { ok: false, code: answer.body.code ?? `HTTP ${answer.status}` };
  }
  const answer = await release(app, GUARDS[i % GUARDS.length], code, { gate: '东门' });
  return answer.ok ? { ok: true } : { ok: false, code: answer.code };
}

/** Starts most contenders at once and some a few milliseconds later: inside the winner's count-then-record window. */
async function staggered<T>(i: number, run: () => Promise<T>): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, (i % 4) * 25));
  return run();
}

function exitsCounted(day: string): number {
  const [counter] = app.lc.db.find('exitCounters', { siteId: HX, userId: 'user-zhangwei', period: day }, {});
  return (counter as { used?: number } | undefined)?.used ?? 0;
}

test('N releases of one pass at once, 20 rounds of 2–50: exactly one lets them out and exactly one exit is counted', async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const n = contenders(round);
    // a limit of one exit: a contender reading the counter after the winner took it must still hear PASS_USED
    await setRules(app, HX, { exitsPerPeriod: round % 2 ? 3 : 1, countingMode: 'perPerson' });
    await setReleaseMode(app, HX, modeOf(round));
    const day = `2026-12-${String(round + 1).padStart(2, '0')}`;
    setClock(app, cst(`${day} 09:00`));
    const code = await codeFor(app, resident);
    await warm();
    await holdRecordWrites(n);
    const answers = await Promise.all(
      Array.from({ length: n }, (_v, i) => staggered(i, () => releaseAs(modeOf(round), i, code))),
    );
    await clearFaults();
    const refusals = answers.filter((a) => !a.ok).map((a) => a.code);
    expect({ round, n, released: answers.length - refusals.length }).toEqual({ round, n, released: 1 });
    expect({ round, refusals: refusals.filter((c) => c !== 'PASS_USED') }).toEqual({ round, refusals: [] });
    expect({ round, counted: exitsCounted(day) }).toEqual({ round, counted: 1 });
    const passId = codeFields(code).jti;
    expect(app.lc.db.count('accessRecords', { passId, kind: 'release' })).toBe(1);
  }
}, 180_000);

test('M passes of one resident at once against a limit L, 20 rounds: exactly min(M, L) are released and counted', async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const limit = 1 + (round % 5);
    const m = 2 + ((round * 7) % 29);
    const day = `2027-01-${String(round + 1).padStart(2, '0')}`;
    await setRules(app, HX, { exitsPerPeriod: limit, countingMode: 'perPerson' });
    await setReleaseMode(app, HX, modeOf(round));
    setClock(app, cst(`${day} 09:00`));
    // issued one after another: the setup is not the race, and must not trip a busy machine's time limits
    const codes: string[] = [];
    for (let i = 0; i < m; i += 1) codes.push(await codeFor(app, resident));
    await warm();
    await holdRecordWrites(m);
    const answers = await Promise.all(codes.map((code, i) => releaseAs(modeOf(round), i, code)));
    await clearFaults();
    const released = answers.filter((a) => a.ok).length;
    const expected = Math.min(m, limit);
    // any refusal but the quota's first, so that a failure says what the missing release heard
    const others = answers.filter((a) => !a.ok && a.code !== 'QUOTA_EXHAUSTED').map((a) => a.code);
    expect({ round, others }).toEqual({ round, others: [] });
    expect({ round, m, limit, released }).toEqual({ round, m, limit, released: expected });
    expect({ round, counted: exitsCounted(day) }).toEqual({ round, counted: expected });
  }
}, 180_000);
