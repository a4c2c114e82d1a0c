/**
 * miniprogram-compiler for miniprogram-simulate (jest's moduleNameMapper puts this in its place in the page tests):
 * wcc over the whole mini-program takes about 1.5 s and every page-test file ran it once, on the same templates.
 * Its output is kept on disk under a fingerprint of the project (preview/build-cache.ts), so only the first file
 * after a change runs it; everything else is the real compiler.
 */
import path from 'node:path';
import { buildCacheFile, readBuildCache, writeBuildCache } from '../../../preview/build-cache';
import { repoRoot } from '../../support/app-cloud';

// by its path: the module's own name leads back here
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiler = require(path.join(repoRoot, 'node_modules', 'miniprogram-compiler')) as {
  wxmlToJs(rootPath: string, options?: object): string;
};

module.exports = {
  ...compiler,
  wxmlToJs(rootPath: string, options: object = {}): string {
    const file = buildCacheFile(repoRoot, 'wcc', { root: path.relative(repoRoot, rootPath), options }, ['miniprogram']);
    const cached = readBuildCache<string>(file);
    if (cached !== undefined) return cached;
    const output = compiler.wxmlToJs(rootPath, options);
    writeBuildCache(file, output);
    return output;
  },
};
