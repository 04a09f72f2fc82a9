/**
 * Polls `probe` until it answers something truthy, and returns that. What arrives by Kafka or settles after a
 * disconnect has no moment to wait for, only a deadline; `describe` adds what was seen to the timeout's message.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  describe?: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `\n${await describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
