// Unit tests: `*.spec.ts` beside the code. They need no database or broker.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/src/**/*.spec.ts', '**/tools/**/*.spec.ts'],
};
