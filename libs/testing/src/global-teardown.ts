import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const infra = globalThis.__TEQUIO_TEST_INFRA__;
  if (!infra) return;
  for (const stop of [...infra.stops].reverse()) await stop();
  rmSync(infra.workDir, { recursive: true, force: true });
}
