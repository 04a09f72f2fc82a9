export * from './unit-directory.module';
export * from './unit-replica.entity';
export * from './unit-replica.migration';
export * from './unit-replica.repository';
export * from './unit-directory.feature';
