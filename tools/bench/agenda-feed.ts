/*
 * Benchmark of the agenda's public iCalendar feed: loads a year of public activities through the API (catalog
 * publishes the organizing unit, the agenda learns it from Kafka), then fetches the feed as a calendar client does
 * and reports latency percentiles. Run with `npm run bench:agenda-feed [-- --activities 2000 --requests 200]`.
 */
import { parseArgs } from 'node:util';
import { signDevToken } from '@tequio/auth';
import { waitFor } from '@tequio/devstack';
import { percentile } from '../stats/percentile';
import { concurrently, withBenchStack } from './bench-stack';

const { values } = parseArgs({
  options: {
    activities: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
  },
});
const ACTIVITIES = Number(values.activities);
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);

async function main(): Promise<void> {
  await withBenchStack(['catalog', 'agenda'], async ({ urls, logTail }) => {
    const headers = { authorization: `Bearer ${signDevToken({ roles: ['admin'] })}`, 'content-type': 'application/json' };
    const post = async (service: string, path: string, body: unknown, method = 'POST') => {
      const response = await fetch(`${urls[service]}${path}`, { method, headers, body: JSON.stringify(body) });
      if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}\n${logTail(service)}`);
      return response.json() as Promise<Record<string, string>>;
    };
    await post('catalog', '/units', { code: '402', name: 'Secretaría Particular', kind: 'secretaria', activeFrom: '2025-01-01' });
    await waitFor('unit 402 in the agenda', async () => {
      const page = (await (await fetch(`${urls['agenda']}/catalog-units?code=402`, { headers })).json()) as { total: number };
      return page.total === 1;
    }, 60_000, 100);

    // A year of activities: half behind, half ahead, some cancelled, a few private (absent from the feed).
    const started = Date.now() - 182 * 86_400_000;
    const loadStarted = performance.now();
    let firstId = '';
    await concurrently(ACTIVITIES, 8, async (index) => {
      const startsAt = new Date(started + Math.floor((index * 365 * 86_400_000) / ACTIVITIES));
      const created = await post('agenda', '/activities', {
        title: `Actividad pública ${index + 1}`,
        category: 'evento_gobierno',
        place: 'Palacio Municipal',
        organizerUnitCode: '402',
        visibility: index % 20 === 0 ? 'privada' : 'publica',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      });
      if (index === 1) firstId = created['id'];
      if (index % 10 === 0) await post('agenda', `/activities/${created['id']}/status`, { status: 'cancelada', reason: 'Cambio de agenda' });
    });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const feed = await post('agenda', '/calendar-feeds', { audience: 'publica', label: 'Benchmark' });

    const fetchFeed = async () => {
      const t0 = performance.now();
      const response = await fetch(`${urls['agenda']}${feed['path']}`).catch((error: Error) => {
        throw new Error(`feed request failed: ${String(error.cause ?? error)}\n${logTail('agenda')}`);
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`feed answered ${response.status}: ${body}`);
      return { ms: performance.now() - t0, bytes: body.length, events: body.split('BEGIN:VEVENT').length - 1 };
    };
    const warm = await Promise.all(Array.from({ length: 5 }, fetchFeed));
    const latencies: number[] = [];
    const measured = performance.now();
    await concurrently(REQUESTS, CONCURRENCY, async () => {
      latencies.push((await fetchFeed()).ms);
    });
    const seconds = (performance.now() - measured) / 1000;
    latencies.sort((a, b) => a - b);
    // After each change the feed is rendered anew: the worst case a client meets.
    const afterChange: number[] = [];
    for (let round = 0; round < 20; round++) {
      await post('agenda', `/activities/${firstId}`, { title: `Actividad pública 1 (cambio ${round + 1})` }, 'PATCH');
      afterChange.push((await fetchFeed()).ms);
    }
    afterChange.sort((a, b) => a - b);
    const rows = [
      ['activities loaded through the API (public, private, cancelled)', String(ACTIVITIES)],
      ['load time (s)', loadSeconds.toFixed(1)],
      ['events in the public feed / size (KiB)', `${warm[0].events} / ${(warm[0].bytes / 1024).toFixed(0)}`],
      ['feed requests (no If-None-Match: full body each time) / client concurrency', `${REQUESTS} / ${CONCURRENCY}`],
      ['feed latency p50 / p95 / max (ms)', `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${latencies[latencies.length - 1].toFixed(1)}`],
      ['feeds served per second', (REQUESTS / seconds).toFixed(1)],
      ['right after a change (20 rounds: PATCH, then fetch) p50 / p95 / max (ms)', `${percentile(afterChange, 50).toFixed(1)} / ${percentile(afterChange, 95).toFixed(1)} / ${afterChange[afterChange.length - 1].toFixed(1)}`],
    ];
    process.stdout.write(`| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
