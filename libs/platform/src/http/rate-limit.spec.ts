import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('lets a client make `limit` calls per window, then asks it to wait until the window ends', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
    now += 30_000;
    expect(limiter.take('a')).toBe(30);
    now += 30_000;
    expect(limiter.take('a')).toBe(0);
  });
});
