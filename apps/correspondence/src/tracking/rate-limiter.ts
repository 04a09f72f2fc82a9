/**
 * A fixed-window counter per client: at most `limit` calls per `windowMs`. In memory, so each replica counts
 * apart (with N replicas a client gets at most N × limit); enough to make guessing codes pointless.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the call; returns the seconds to wait when the client is over its limit, else 0. */
  take(client: string): number {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.startedAt + this.windowMs - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [client, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(client);
  }
}
