/**
 * Benchmark (not a test): localcloud latencies through the real wx-server-sdk.
 *
 *   npm run bench:localcloud [-- --docs 200000 --runs 400 | --tiny]
 *
 * Runs localcloud as its own process (as `npm start` does) on a temporary data folder, loads
 * N documents into an indexed collection, then times from this process, one call at a time:
 * `doc().get()`, a conditional `where({_id, status}).update()`, an indexed `where().get()`, an
 * unindexed `where().count()` (a full scan, for contrast), and the dev gateway's overhead for an
 * empty function. Prints medians and p95s; the figures go in the README's development section.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchmarkOptions } from './benchmark-options';
import { percentiles } from './bench-gateway';
import { bundleFunction } from './bundle-function';
import { sdkEnvironment } from './sdk-environment';

const root = path.resolve(__dirname, '..');
const { docs: DOCS, runs: RUNS } = benchmarkOptions({
  docs: { full: 200_000, tiny: 20 },
  runs: { full: 400, tiny: 1 },
});
const BATCH = 1000;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-localcloud-'));
  const manifest = path.join(work, 'database.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      collections: { passes: { indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] } },
    }),
  );
  const functionsDir = path.join(work, 'functions');
  await buildEmptyFunction(functionsDir);
  const server = await startServer({
    LOCALCLOUD_DATA: path.join(work, 'data'),
    LOCALCLOUD_MANIFEST: manifest,
    LOCALCLOUD_FUNCTIONS: functionsDir,
  });
  try {
    console.log(
      `localcloud benchmark — ${DOCS.toLocaleString('en')} documents, ${RUNS} runs each, node ${process.version}`,
    );
    const loadMs = await load(server.url);
    console.log(
      `load: ${DOCS.toLocaleString('en')} documents in ${(loadMs / 1000).toFixed(1)} s (${BATCH} per insert)`,
    );

    const db = sdkDatabase(server.url);
    const pick = () => Math.floor(Math.random() * DOCS);
    report('doc().get()', await time(() => db.collection('passes').doc(`p${pick()}`).get()));
    report(
      'conditional update where({_id, status}).update()',
      await time(() => {
        const id = `p${pick()}`;
        return db
          .collection('passes')
          .where({ _id: id, status: 'active' })
          .update({ data: { status: 'active', touched: db.serverDate() } });
      }),
    );
    report(
      'indexed where({code}).get()',
      await time(() =>
        db
          .collection('passes')
          .where({ code: `C-${pick()}` })
          .get(),
      ),
    );
    report(
      'unindexed where({n}).count() (full scan)',
      await time(() => db.collection('passes').where({ n: pick() }).count(), Math.min(RUNS, 20)),
    );
    const empty = await time(() =>
      fetch(`${server.url}/fn/empty`, { method: 'POST', body: '{}' }).then((r) => r.text()),
    );
    report('gateway POST /fn/empty (warm)', empty);
  } finally {
    server.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

interface Database {
  collection(name: string): {
    doc(id: string): { get(): Promise<unknown> };
    where(q: object): {
      get(): Promise<unknown>;
      count(): Promise<unknown>;
      update(o: { data: object }): Promise<unknown>;
    };
  };
  serverDate(): unknown;
}

function sdkDatabase(url: string): Database {
  Object.assign(process.env, sdkEnvironment(url));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'tongxing-local' });
  return cloud.database() as unknown as Database;
}

/** Loads the documents with raw wire calls (the SDK's add() inserts one at a time). */
async function load(url: string): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < DOCS; start += BATCH) {
    const data = [];
    for (let i = start; i < Math.min(DOCS, start + BATCH); i += 1) {
      data.push(JSON.stringify({ _id: `p${i}`, code: `C-${i}`, n: i, status: 'active', site: `site-${i % 20}` }));
    }
    const res = await fetch(`${url}/tcb`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'passes', data }),
    });
    const body = (await res.json()) as { code?: string; message?: string };
    if (body.code) throw new Error(`load failed: ${body.code} ${body.message}`);
  }
  return performance.now() - started;
}

async function time(run: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < Math.min(20, runs); i += 1) await run(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

function report(label: string, samples: number[]): void {
  const at = percentiles(samples);
  console.log(
    `${label.padEnd(52)} median ${at(0.5).toFixed(2).padStart(7)} ms   p95 ${at(0.95).toFixed(2).padStart(7)} ms`,
  );
}

async function buildEmptyFunction(functionsDir: string): Promise<void> {
  const dir = path.join(functionsDir, 'empty');
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'index.ts'), 'export async function main() {\n  return {};\n}\n');
  writeFileSync(path.join(dir, 'config.json'), '{}\n');
  await bundleFunction(path.join(dir, 'src', 'index.ts'), path.join(dir, 'index.js'));
}

function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'localcloud/main.ts'], {
    cwd: root,
    env: { ...process.env, LOCALCLOUD_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ url: match[1], child });
    });
    child.on('exit', (code) => reject(new Error(`localcloud exited with ${code}: ${output}`)));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
