import { EventRejected, isTransientFailure } from './failure-kind';

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
