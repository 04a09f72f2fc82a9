import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { EventRejected, isDatabaseUnavailable, isTransientFailure } from './failure-kind';

describe('isTransientFailure', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['a server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    [
      'a serialization failure inside a TypeORM error',
      Object.assign(new Error('could not serialize'), {
        driverError: { code: '40001' },
      }),
    ],
    [
      'a lock timeout',
      Object.assign(new Error('canceling statement due to lock timeout'), {
        code: '55P03',
      }),
    ],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
  ])('retries %s', (_label, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a rejected event', new EventRejected('unit 99 does not exist')],
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('does not retry %s forever', (_label, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection exception inside a TypeORM error', Object.assign(new Error('db'), { driverError: { code: '08006' } })],
    ['a server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a connection dropped under a query', Object.assign(new Error('Query failed'), { driverError: new Error('Connection terminated unexpectedly') })],
    ['a pooled connection the server closed', new Error('Client was closed and is not queryable')],
    ['a transaction whose connection the server ended between two queries (TypeORM released its runner)', new QueryRunnerAlreadyReleasedError()],
    ['the same through a transaction’s entity manager', new QueryRunnerProviderAlreadyReleasedError()],
  ])('is true for %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a deadlock (the database is up: retrying is the caller’s business)', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('is false for %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
