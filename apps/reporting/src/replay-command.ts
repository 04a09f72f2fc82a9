import { createServiceApp, loadServiceConfig, runMigrations, ServiceDefinition } from '@tequio/platform';
import { FactReplay, ReplayResult } from './facts/fact-replay';

/**
 * `node main.js replay`: rebuilds the facts from the producer topics into fresh tables and swaps them in, then exits.
 * The command ingests live itself while it replays (and pauses for the swap), so run it with the service's other
 * instances stopped: their live ingestion would not pause for the swap.
 */
export async function replayFacts(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<ReplayResult> {
  const config = loadServiceConfig(definition.name, definition.defaultPort, env);
  if (config.MIGRATIONS_RUN) await runMigrations(config, definition);
  const app = await createServiceApp(definition, config);
  try {
    await app.init();
    return await app.get(FactReplay).run();
  } finally {
    await app.close();
  }
}

export function runReplayCommand(definition: ServiceDefinition): void {
  replayFacts(definition)
    .then((result) => {
      process.stdout.write(`Replayed ${result.events} events into ${result.records} records and ${result.facts} facts in ${result.seconds} s\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`replay failed: ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
