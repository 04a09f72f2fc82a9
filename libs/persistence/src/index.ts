export * from './audit/audit-trail';
export * from './audit/audit-trail.migration';
