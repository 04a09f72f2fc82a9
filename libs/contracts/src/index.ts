export * from './asyncapi';
export * from './envelope';
export * from './event-definition';
export * from './events/catalog';
export * from './events/reporting';
export * from './registry';
export * from './topics';
export * from './vocabulary';
