/**
 * Each cloud function's bundle stays light enough for a quick cold start (issue 17): at most 1 MB. Size, unlike
 * timing, is deterministic, so it is asserted here; `npm run bench:coldstart` prints the timings. The bundles are
 * the ones this project's global setup just built from the current sources.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { functionSources, MAX_BUNDLE_BYTES } from '../../scripts/bundle-function';

const functionsRoot = path.resolve(__dirname, '..', '..', 'cloudfunctions');
const functions = functionSources(functionsRoot).map(({ name }) => name);

test('there are functions to weigh', () => {
  expect(functions.length).toBeGreaterThan(0);
});

test.each(functions)('the %s bundle is at most 1 MB', (name) => {
  const bytes = statSync(path.join(functionsRoot, name, 'index.js')).size;
  expect({ name, kb: Math.round(bytes / 1024), overLimit: bytes > MAX_BUNDLE_BYTES }).toEqual({
    name,
    kb: Math.round(bytes / 1024),
    overLimit: false,
  });
});
