export * from './kafka';
export * from './postgres';
export * from './processes';
export * from './tenants';
