// The demo year's fixtures (`npm run -s demo` loads them), for the services' seed-shaped integration tests.
export * as demoFixtures from '@tequio/demo-data';
