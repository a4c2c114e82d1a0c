/** Jest projects: each folder under test/ is one kind of test. */
const transform = { '\\.ts$': '<rootDir>/test/esbuild-transform.js' };

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'localcloud',
      testMatch: ['<rootDir>/test/localcloud/**/*.test.ts'],
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
  ],
};
