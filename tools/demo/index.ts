import demoData from './data/municipality.json';

export { demoSnapshot, type DemoSnapshot } from './demo-counts';
export { acceptsTenant } from './tenant-readiness';
export { DEFAULT_PORTS, loadDemo, SERVICE_NAMES, urlsFromEnv, type DemoOptions, type DemoResult, type DemoServiceName, type DemoUrls } from './load-demo';
/** The demo's municipality (the dev tokens' tenant), which `npm start` registers for development. */
export const DEMO_MUNICIPALITY: { id: string; name: string; state: string; inegiCode: string } = demoData.municipality;
// What the soak (tools/soak) reuses to build its own municipality and records shaped like the demo's.
export { ApiClient, ApiError, eventually, untilReplicated } from './api-client';
export { dependencyCodes, loadCatalog } from './load-catalog';
export { AGENDA_OFFICE_UNIT, plannedActivities } from './load-agenda';
export { FRONT_DESK_UNIT } from './load-correspondence';
export { plannedRequests, TRANSPARENCY_UNIT, TURN_UNITS } from './load-transparency';
export { Progress } from './progress';
