/**
 * Benchmark (not a test): each cloud function's cold start, bundled as we deploy it against the
 * platform's default shape, measured in the same run.
 *
 *   npm run bench:coldstart [-- --runs 7 | --tiny]
 *
 * - bundled: `cloudfunctions/<name>/index.js`, one esbuild file with wx-server-sdk inside (what we upload);
 * - unbundled: the same source compiled with every npm package left external, so `require` walks
 *   node_modules — what a function deployed with 「云端安装依赖」 runs.
 * Each sample is a fresh Node process (as a new SCF instance is): require the function, then make
 * its first invocation against localcloud (FIRST_CALLS: what a demo person does first). Prints medians.
 * Flags (prints, does not fail: timing on a busy machine is no test) a bundle over 1 MB or a bundled / unbundled
 * ratio over MAX_RATIO (issue 17); the size limit is asserted by test/scripts/benchmarks.test.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { NODE_TARGET } from './runtime';
import { startLocalcloud } from '../localcloud';
import { loadDemoDataIfEmpty } from '../demo/load';
import { sdkEnvironment } from './sdk-environment';
import { benchmarkOptions } from './benchmark-options';
import { bundleFunction, functionSources, MAX_BUNDLE_BYTES } from './bundle-function';
import { DEMO_OPENIDS } from '../demo/identities';

const root = path.resolve(__dirname, '..');
const { runs: RUNS } = benchmarkOptions({ runs: { full: 7, tiny: 1 } });
const SITE = 'site-haixin-huiyuan';
/** the bundled cold start (whole process) at most this share of the unbundled one's */
const MAX_RATIO = 0.65;

/**
 * Each function's first call: something a demo person does first, answered `ok` (or, for the HTTP-triggered
 * device function, any answer short of a 500: an unsigned request is refused after the function has loaded).
 * A function missing here stops the benchmark, so a new function gets its line when it is added.
 */
interface FirstCall {
  event: object;
  openid: string;
  http?: true;
  /** getWXContext().SOURCE: `wx_trigger` for a function only its timer runs; the mini-program's by default */
  source?: string;
}

const FIRST_CALLS: Record<string, FirstCall> = {
  account: { event: { action: 'profile' }, openid: DEMO_OPENIDS.resident },
  admin: { event: { action: 'passSettings', siteId: SITE }, openid: DEMO_OPENIDS.admin },
  card: { event: { action: 'list' }, openid: DEMO_OPENIDS.resident2 },
  device: {
    event: { httpMethod: 'POST', path: '/verify', headers: {}, body: '{}', isBase64Encoded: false },
    openid: '',
    http: true,
  },
  gate: { event: { action: 'shakeOpen', siteId: SITE, requestId: 'bench-coldstart' }, openid: DEMO_OPENIDS.resident },
  // no actions: its first run is its timer's, over an empty outbox
  outbox: {
    event: { Type: 'Timer', TriggerName: 'deliver', Time: '2026-12-01T00:00:00Z', Message: '' },
    openid: '',
    source: 'wx_trigger',
  },
  pass: { event: { action: 'residentPass', siteId: SITE }, openid: DEMO_OPENIDS.resident },
  site: { event: { action: 'current' }, openid: DEMO_OPENIDS.resident },
  visitor: { event: { action: 'settings', siteId: SITE }, openid: DEMO_OPENIDS.guard },
};

/** Runs inside the fresh process: times require and the first call, prints them as JSON. */
const PROBE = `
const started = performance.now();
const fn = require(process.argv[2]);
const loaded = performance.now();
fn.main(JSON.parse(process.argv[3]), {}).then((answer) => {
  const called = performance.now();
  const fine = process.argv[4] === 'http' ? answer && answer.statusCode < 500 : answer && answer.ok === true;
  if (!fine) { console.error(JSON.stringify(answer)); process.exit(1); }
  console.log(JSON.stringify({ requireMs: loaded - started, firstCallMs: called - loaded }));
});
`;

interface Sample {
  requireMs: number;
  firstCallMs: number;
  processMs: number;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-coldstart-'));
  // the unbundled copy must sit inside the project so `require('wx-server-sdk')` finds node_modules
  const unbundledRoot = path.join(root, '.build', 'coldstart');
  const lc = await startLocalcloud({ projectRoot: root, dataDir: path.join(work, 'data') });
  // a fixed daytime (11:00 in China): gate's first call opens a door only inside the site's opening hours, and
  // the functions read localcloud's clock (shifted per process through LOCALCLOUD_CLOCK_OFFSET_MS)
  const daytime = new Date();
  daytime.setUTCHours(3, 0, 0, 0);
  const clockOffsetMs = daytime.getTime() - Date.now();
  lc.clock.setOffset(clockOffsetMs);
  await loadDemoDataIfEmpty(lc.db, daytime);
  try {
    const probe = path.join(work, 'probe.js');
    writeFileSync(probe, PROBE);
    console.log(`cold start per function, median of ${RUNS} fresh processes each, node ${process.version}`);
    console.log(
      'function'.padEnd(10) +
        'variant'.padEnd(12) +
        'size'.padStart(9) +
        'require'.padStart(10) +
        'first call'.padStart(12) +
        'process'.padStart(10),
    );
    const flagged: string[] = [];
    for (const { name, entry } of functionSources(path.join(root, 'cloudfunctions'))) {
      const bundled = path.join(work, name, 'bundled.js');
      const { leftOut } = await bundleFunction(entry, bundled);
      const unbundled = path.join(unbundledRoot, name, 'index.js');
      mkdirSync(path.dirname(unbundled), { recursive: true });
      await build({
        entryPoints: [entry],
        outfile: unbundled,
        bundle: true,
        packages: 'external',
        platform: 'node',
        target: NODE_TARGET,
        format: 'cjs',
        logLevel: 'silent',
      });
      const first = FIRST_CALLS[name];
      if (!first) throw new Error(`bench-coldstart: no first call for the ${name} function; add one to FIRST_CALLS`);
      const samples: Record<'bundled' | 'unbundled', Sample[]> = { bundled: [], unbundled: [] };
      // alternate the two so both see the same machine load
      for (let i = 0; i < RUNS; i += 1) {
        samples.bundled.push(await sample(probe, bundled, first, lc.url, clockOffsetMs));
        samples.unbundled.push(await sample(probe, unbundled, first, lc.url, clockOffsetMs));
      }
      const sizes = { bundled: statSync(bundled).size, unbundled: statSync(unbundled).size };
      for (const variant of ['bundled', 'unbundled'] as const) {
        const m = medians(samples[variant]);
        console.log(
          name.padEnd(10) +
            variant.padEnd(12) +
            `${(sizes[variant] / 1024).toFixed(0)} KB`.padStart(9) +
            `${m.requireMs.toFixed(0)} ms`.padStart(10) +
            `${m.firstCallMs.toFixed(0)} ms`.padStart(12) +
            `${m.processMs.toFixed(0)} ms`.padStart(10),
        );
      }
      const ratio = medians(samples.bundled).processMs / medians(samples.unbundled).processMs;
      const flags = [
        ...(sizes.bundled > MAX_BUNDLE_BYTES ? [`OVER 1 MB (${(sizes.bundled / 1024).toFixed(0)} KB)`] : []),
        ...(ratio > MAX_RATIO ? [`OVER ${MAX_RATIO}`] : []),
      ];
      console.log(
        `${name.padEnd(10)}bundled / unbundled (whole process): ${ratio.toFixed(2)}` +
          (flags.length > 0 ? `  <-- ${flags.join(', ')}` : '') +
          `; left out: ${leftOut.join(', ') || 'nothing'}`,
      );
      if (flags.length > 0) flagged.push(`${name}: ${flags.join(', ')}`);
    }
    console.log(
      flagged.length === 0
        ? `every bundle at most 1 MB and at most ${MAX_RATIO} of its unbundled cold start`
        : `flagged (bundle over 1 MB, or cold start over ${MAX_RATIO} of unbundled):\n  ${flagged.join('\n  ')}`,
    );
  } finally {
    await lc.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(unbundledRoot, { recursive: true, force: true });
  }
}

/** One fresh process (run asynchronously: localcloud answers its calls from this process). */
async function sample(
  probe: string,
  file: string,
  first: FirstCall,
  url: string,
  clockOffsetMs: number,
): Promise<Sample> {
  const started = performance.now();
  const args = [probe, file, JSON.stringify(first.event), first.http ? 'http' : 'envelope'];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      ...sdkEnvironment(url),
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
      ...(first.openid ? { WX_OPENID: first.openid } : {}),
      WX_APPID: 'wx0000000000000000',
      TCB_SOURCE: first.source ?? 'wx_client',
      // as localcloud's runner sets it: where the adapters find its stand-ins (door controllers, SMS)
      LOCALCLOUD_URL: url,
      LOCALCLOUD_CLOCK_OFFSET_MS: String(clockOffsetMs),
    },
    encoding: 'utf8',
  });
  const measured = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Omit<Sample, 'processMs'>;
  return { ...measured, processMs: performance.now() - started };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function medians(samples: Sample[]): Sample {
  return {
    requireMs: median(samples.map((s) => s.requireMs)),
    firstCallMs: median(samples.map((s) => s.firstCallMs)),
    processMs: median(samples.map((s) => s.processMs)),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
