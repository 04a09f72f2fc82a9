// Tests that read the real quarterly reports in `../shared/seeds` (beside the repository, not in it):
// `*.seed-spec.ts`. They need the real PostgreSQL and Kafka like the integration tests. `npm test` runs
// them through tools/test-seeds.js only when that folder exists, so a bare clone passes without it.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'seeds',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.seed-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/jest-global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/jest-global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: 1,
};
