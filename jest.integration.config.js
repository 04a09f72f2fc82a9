// Integration and end-to-end tests: `test/**/*.int-spec.ts` and `test/**/*.e2e-spec.ts`.
// The global setup starts (or attaches to) a real PostgreSQL and a real Kafka broker.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/test/**/*.int-spec.ts', '**/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/jest-global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/jest-global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: 2,
};
