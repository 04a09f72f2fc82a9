export * from './metric-mapping';
export * from './metric-mappings';
export * from './metric-registry';
export * from './mapping-check';
export * from './mapping-variations';
