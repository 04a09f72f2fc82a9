import demoData from './data/municipality.json';

export { demoSnapshot, type DemoSnapshot } from './demo-counts';
export { acceptsTenant } from './tenant-readiness';
export { DEFAULT_PORTS, loadDemo, SERVICE_NAMES, urlsFromEnv, type DemoOptions, type DemoResult, type DemoServiceName, type DemoUrls } from './load-demo';
/** The demo's municipality (the dev tokens' tenant), which `npm start` registers for development. */
export const DEMO_MUNICIPALITY: { id: string; name: string; state: string; inegiCode: string } = demoData.municipality;
