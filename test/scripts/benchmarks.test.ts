/**
 * Every `npm run bench:*` in its tiny mode (`--tiny`: a few documents, one run), so a benchmark that no longer
 * runs fails here rather than on the day someone wants its figures. Only that it finishes and prints figures is
 * checked: timing anything in a test would fail on a busy machine and prove nothing on a quiet one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const scripts = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: object }).scripts;
const benchmarks = Object.keys(scripts).filter((name) => name.startsWith('bench:'));

test('package.json has benchmarks to run', () => {
  expect(benchmarks.length).toBeGreaterThan(0);
});

test.each(benchmarks)(
  'npm run %s -- --tiny finishes and prints figures',
  (name) => {
    const run = spawnSync('npm', ['run', '--silent', name, '--', '--tiny'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 280_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ name, status: run.status, signal: run.signal, output: run.status === 0 ? '' : output }).toEqual({
      name,
      status: 0,
      signal: null,
      output: '',
    });
    // a figure: a number with its unit
    expect(run.stdout).toMatch(/\d+(\.\d+)? (ms|s|KB)\b/);
  },
  300_000,
);
