// Fault drills: `test/**/*.fault-spec.ts`, end to end over the real broker and database, with processes killed and
// infrastructure stopped. Slower than the integration suite, so `npm test` leaves them to `npm run test:faults`.
const integration = require('./jest.integration.config');

module.exports = {
  ...integration,
  displayName: 'faults',
  testMatch: ['**/test/**/*.fault-spec.ts'],
  testTimeout: 600_000,
};
