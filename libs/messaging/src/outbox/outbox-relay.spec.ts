import { relayPauseMs } from './outbox-relay';

describe('relayPauseMs', () => {
  it('polls at the configured interval while passes succeed', () => {
    expect(relayPauseMs(250, 0)).toBe(250);
  });

  it('doubles after each failed pass and never waits more than 5 s, so delivery resumes soon after the broker returns', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => relayPauseMs(250, failures))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    // A minute-long outage at the test poll interval: the pause it ends in is still 5 s, not 30 s.
    expect(relayPauseMs(100, 40)).toBe(5000);
  });
});
