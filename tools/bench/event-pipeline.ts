/*
 * Benchmark of the event pipeline on this machine: catalog HTTP writes (state + outbox in one
 * transaction), relay to Kafka, and reporting's idempotent consumption into its replica.
 * Starts its own throwaway PostgreSQL and Kafka; run with `npm run bench:pipeline [-- --units 1000]`.
 */
import { parseArgs } from 'node:util';
import { signDevToken } from '@tequio/auth';
import { waitFor } from '@tequio/devstack';
import { percentile } from '../stats/percentile';
import { concurrently, withBenchStack } from './bench-stack';

const { values } = parseArgs({ options: { units: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '8' } } });
const UNITS = Number(values.units);
const CONCURRENCY = Number(values.concurrency);

async function main(): Promise<void> {
  await withBenchStack(['catalog', 'reporting'], async ({ urls, logTail }) => {
    const token = signDevToken({ roles: ['admin'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const latencies: number[] = [];
    const started = performance.now();
    await concurrently(UNITS, CONCURRENCY, async (index) => {
      const t0 = performance.now();
      const response = await fetch(`${urls['catalog']}/units`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code: `B${index}`, name: `Unidad de prueba ${index}`, kind: 'unidad', activeFrom: '2025-01-01' }),
      });
      if (response.status !== 201) throw new Error(`POST /units answered ${response.status}: ${await response.text()}\n${logTail('catalog')}`);
      latencies.push(performance.now() - t0);
    });
    const writeSeconds = (performance.now() - started) / 1000;
    await waitFor('every unit in reporting', async () => {
      const page = (await (await fetch(`${urls['reporting']}/catalog-units?limit=1`, { headers })).json()) as { total: number };
      return page.total >= UNITS;
    }, 300_000, 50);
    const pipelineSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const rows = [
      ['units written', String(UNITS)],
      ['HTTP concurrency', String(CONCURRENCY)],
      ['writes per second (POST /units: row + audit + outbox, one transaction)', (UNITS / writeSeconds).toFixed(0)],
      ['write latency p50 / p95 / max (ms)', `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${latencies[latencies.length - 1].toFixed(1)}`],
      ['all units visible in reporting after (s)', pipelineSeconds.toFixed(2)],
      ['end-to-end events per second (write → Kafka → replica)', (UNITS / pipelineSeconds).toFixed(0)],
    ];
    process.stdout.write(`| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
