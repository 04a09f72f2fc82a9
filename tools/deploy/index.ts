// The deployment tooling, for the end-to-end test that runs a production bundle.
export * from './build-service';
export * from './chart-data';
export * from './deploy-tools';
export * from './provision-topics';
