export * from './metric-mapping';
export * from './metric-mappings';
export * from './metric-registry';
