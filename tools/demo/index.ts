export { demoSnapshot, type DemoSnapshot } from './demo-counts';
export { DEFAULT_PORTS, loadDemo, SERVICE_NAMES, urlsFromEnv, type DemoOptions, type DemoResult, type DemoServiceName, type DemoUrls } from './load-demo';
