export * from './business-days';
export * from './municipal-calendar';
export * from './replica/calendar-change-listeners';
export * from './replica/calendar-directory.feature';
export * from './replica/calendar-directory.module';
export * from './replica/calendar-replica.entity';
export * from './replica/calendar-replica.migration';
export * from './replica/calendar-replica.repository';
