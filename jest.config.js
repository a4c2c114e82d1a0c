/** Jest projects: each folder under test/ is one kind of test. */
const transform = { '\\.ts$': '<rootDir>/test/esbuild-transform.js' };

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      // pure shared code (miniprogram/core): rules, validators, types
      displayName: 'core',
      testMatch: ['<rootDir>/test/core/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
    {
      // server modules with no database: pass codes, crypto
      displayName: 'server',
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
    {
      // cloud functions through the dev gateway: real bundles, real SDK, localcloud
      displayName: 'functions',
      testMatch: ['<rootDir>/test/functions/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      globalSetup: '<rootDir>/test/support/build-functions.ts',
    },
    {
      displayName: 'localcloud',
      testMatch: ['<rootDir>/test/localcloud/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
    {
      // pages rendered by miniprogram-simulate, calling the real functions on an in-process localcloud: jsdom for
      // the pages plus Node's globals for localcloud (support/environment.ts), and packages' Node builds
      displayName: 'pages',
      testMatch: ['<rootDir>/test/pages/**/*.test.ts'],
      testEnvironment: '<rootDir>/test/pages/support/environment.ts',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      moduleFileExtensions: ['ts', 'js', 'json'],
      // TDesign (miniprogram/miniprogram_npm) ships ES modules: they go through the same esbuild transform
      transform: { '\\.(ts|js)$': '<rootDir>/test/esbuild-transform.js' },
      transformIgnorePatterns: ['/node_modules/'],
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      // miniprogram_npm/ as DevTools' 构建 npm makes it, and the functions' bundles
      globalSetup: '<rootDir>/test/pages/support/global-setup.ts',
    },
    {
      // what no other project covers: each benchmark in its tiny mode, and which folder may import which
      displayName: 'scripts',
      testMatch: ['<rootDir>/test/scripts/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      globalSetup: '<rootDir>/test/support/build-functions.ts',
    },
    {
      // the browser preview's own logic: page stack and lifecycles, styles, app.json
      displayName: 'preview',
      testMatch: ['<rootDir>/test/preview/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
    {
      // the real pages in headless Chromium (Debian's chromium + playwright-core), through the browser preview on
      // localcloud, as a person uses them: journeys end to end
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
    },
  ],
};
