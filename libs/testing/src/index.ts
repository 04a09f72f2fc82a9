export * from './database';
export * from './in-process-service';
export * from './kafka';
export * from './service-process';
export * from './test-environment';
export * from './tokens';
export * from './openapi';
export * from './demo-fixtures';
