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
      // pages rendered by miniprogram-simulate (which needs a DOM), calling the real functions on localcloud
      displayName: 'pages',
      testMatch: ['<rootDir>/test/pages/**/*.test.ts'],
      testEnvironment: '<rootDir>/test/pages/support/environment.ts',
      moduleFileExtensions: ['ts', 'js', 'json'],
      // TDesign ships ES modules: they go through the same esbuild transform
      transform: { '\\.(ts|js)$': '<rootDir>/test/esbuild-transform.js' },
      transformIgnorePatterns: ['/node_modules/'],
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
    },
  ],
};
