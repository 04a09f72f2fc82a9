/*
 * `npm run soak`: a realistic mixed load on the running platform (`npm start`) for --minutes (default 30), then a
 * verdict: no failed request, no memory growth trend in any service, latency percentiles that do not drift.
 * Service URLs as for the demo (CATALOG_URL… or CATALOG_PORT…, defaults 3001–3005); tokens signed with the dev keys.
 * `--stack` starts its own throwaway PostgreSQL, Kafka and five services instead (what CI runs, for 2 minutes).
 * Memory is each service's own /metrics (process_resident_memory_bytes, nodejs_heap_size_used_bytes).
 * Exits 1 when a check fails; `--json <file>` keeps every window for docs/benchmarks.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { DemoUrls, SERVICE_NAMES, urlsFromEnv } from '@tequio/demo';
import { withBenchStack } from '../bench/bench-stack';
import { defaultLimits, Limits, MemorySample, RequestSample, table, toWindows, verdict, Window } from './soak-stats';
import { Operation, prepareSoak, SOAK_TENANT, SoakRequestError, soakOperations, weightedPicker } from './soak-workload';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    'window-seconds': { type: 'string' },
    'warmup-minutes': { type: 'string' },
    rate: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '6' },
    'sample-seconds': { type: 'string', default: '5' },
    tenant: { type: 'string', default: SOAK_TENANT.id },
    stack: { type: 'boolean', default: false },
    json: { type: 'string' },
    'max-rss-slope': { type: 'string' },
    'max-heap-slope': { type: 'string' },
    'max-rss-growth': { type: 'string' },
    'max-p95-ratio': { type: 'string' },
  },
  strict: true,
});

function positive(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    process.stderr.write(`soak: --${name} must be a positive number, got ${value}\n`);
    process.exit(2);
  }
  return number;
}

const minutes = positive('minutes', args.minutes);
// A long run is judged by the minute; a short one needs smaller windows to have a trend at all.
const windowSeconds = positive('window-seconds', args['window-seconds'] ?? String(minutes >= 10 ? 60 : 10));
const warmupMinutes = args['warmup-minutes'] === undefined ? Math.min(5, minutes / 5) : Number(args['warmup-minutes']);
const rate = positive('rate', args.rate);
const concurrency = Math.round(positive('concurrency', args.concurrency));
const sampleMs = positive('sample-seconds', args['sample-seconds']) * 1000;
const windowMs = windowSeconds * 1000;
const windowCount = Math.floor((minutes * 60) / windowSeconds);
const defaults = defaultLimits(minutes, windowSeconds, warmupMinutes);
const override = (name: string, fallback: number) => (args[name as keyof typeof args] === undefined ? fallback : positive(name, args[name as keyof typeof args] as string));
const limits: Limits = {
  ...defaults,
  maxRssSlopeMbPerMin: override('max-rss-slope', defaults.maxRssSlopeMbPerMin),
  maxHeapSlopeMbPerMin: override('max-heap-slope', defaults.maxHeapSlopeMbPerMin),
  maxRssGrowthRatio: override('max-rss-growth', defaults.maxRssGrowthRatio),
  maxP95Ratio: override('max-p95-ratio', defaults.maxP95Ratio),
};

const say = (line: string) => process.stdout.write(`[soak] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS and heap in use of a service, and how many full collections it ran, from the Prometheus text of its /metrics. */
export async function readMemory(url: string): Promise<{ rssMb: number; heapMb: number; majorGcs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
    if (!match) throw new Error(`${url}/metrics has no ${name}`);
    return Number(match[1]) / 1024 / 1024;
  };
  // The histogram has no line for a kind of collection that has not run yet.
  const majorGcs = Number(/^nodejs_gc_duration_seconds_count\{kind="major"[^}]*\} ([0-9.e+]+)$/m.exec(text)?.[1] ?? 0);
  return { rssMb: value('process_resident_memory_bytes'), heapMb: value('nodejs_heap_size_used_bytes'), majorGcs };
}

/** Each operation once, retried until it succeeds: replicas learn units and programs from the broker meanwhile. */
async function prime(operations: Operation[]): Promise<void> {
  for (const operation of operations) {
    const deadline = Date.now() + 120_000;
    for (let attempt = 0; ; attempt++) {
      try {
        await operation.run(999_000 + attempt);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${operation.name} never succeeded while priming: ${(error as Error).message}`);
        await sleep(1000);
      }
    }
  }
}

async function soak(urls: DemoUrls): Promise<boolean> {
  for (const [name, url] of Object.entries(urls)) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (!ready) throw new Error(`${name} no responde en ${url}: inicie la plataforma con \`npm start\` (o use --stack)`);
  }
  say(`preparing the municipality ${args.tenant} (catalog of the demo)`);
  const { programs } = await prepareSoak(urls, args.tenant, () => undefined);

  const requests: RequestSample[] = [];
  const memory: MemorySample[] = [];
  const load: Array<{ at: number; load: number }> = [];
  let t0 = 0;
  let recording = false;
  const runId = String(Math.floor(Date.now() / 1000) % 10_000_000).padStart(7, '0');
  const operations = soakOperations(urls, args.tenant, programs, ({ start, ...sample }) => {
    if (recording) requests.push({ ...sample, at: start - t0 });
  }, runId);
  say('priming every operation once');
  await prime(operations);

  say(`${minutes} min at ${rate} operations/s (at most ${concurrency} in flight), windows of ${windowSeconds} s, warm-up ${warmupMinutes} min`);
  say(
    `limits: RSS ≤ ${limits.maxRssSlopeMbPerMin.toFixed(2)} MB/min and ×${limits.maxRssGrowthRatio}, heap after full collections ≤ ${limits.maxHeapSlopeMbPerMin.toFixed(2)} MB/min (${limits.minHeapReadingsAfterGc} readings over ${limits.minMemoryTrendMinutes} min or more), p95 ≤ ×${limits.maxP95Ratio} (+${limits.minP95IncreaseMs} ms) for kinds with ${limits.minSamplesPerKind} requests a third, in thirds of ${limits.minLatencyThirdMinutes} min or more`,
  );
  const pickOperation = weightedPicker(operations);
  t0 = performance.now();
  recording = true;
  const end = t0 + minutes * 60_000;
  const interval = 1000 / rate;
  let nextSlot = t0;
  let sequence = 0;
  const worker = async () => {
    for (;;) {
      const slot = nextSlot;
      // Never a backlog: a worker late for its slot starts now, and the schedule moves on from now.
      nextSlot = Math.max(nextSlot + interval, performance.now());
      if (slot >= end) return;
      await sleep(slot - performance.now());
      const n = sequence++;
      const operation = pickOperation(n);
      await operation.run(n).catch((error: unknown) => {
        // A request error is recorded where it happened; anything else is a fault of the operation itself.
        if (!(error instanceof SoakRequestError)) {
          requests.push({ at: performance.now() - t0, kind: operation.name, ms: 0, ok: false, error: String(error) });
        }
      });
    }
  };

  let reported = 0;
  const sampler = (async () => {
    while (performance.now() < end) {
      const at = performance.now() - t0;
      load.push({ at, load: loadavg()[0] });
      await Promise.all(
        SERVICE_NAMES.map(async (service) => {
          const read = await readMemory(urls[service]).catch(() => undefined);
          if (read) memory.push({ at, service, ...read });
        }),
      );
      while (reported < windowCount && performance.now() - t0 >= (reported + 1) * windowMs) {
        const [window] = toWindows(requests, memory, windowMs, reported + 1).slice(reported);
        say(progressLine(window));
        reported += 1;
      }
      await sleep(Math.min(sampleMs, Math.max(0, end - performance.now())));
    }
  })();
  await Promise.all([...Array.from({ length: concurrency }, worker), sampler]);
  recording = false;

  const windows = toWindows(requests, memory, windowMs, windowCount);
  const result = verdict(windows, limits);
  // The machine's 1-minute load average per window: on a shared machine it explains latency that moves.
  const loadOf = (w: Window) => {
    const own = load.filter((l) => l.at >= w.index * windowMs && l.at < (w.index + 1) * windowMs).map((l) => l.load);
    return own.length === 0 ? Number.NaN : own.reduce((s, v) => s + v, 0) / own.length;
  };
  print(windows, result, requests, loadOf);
  if (args.json) {
    const loads = load.map((l) => l.load);
    const conditions = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: { min: Math.min(...loads), max: Math.max(...loads), mean: loads.reduce((s, v) => s + v, 0) / loads.length } };
    writeFileSync(args.json, JSON.stringify({ options: { minutes, windowSeconds, warmupMinutes, rate, concurrency }, limits, conditions, windows, verdict: result }, null, 2));
    say(`windows and verdict written to ${args.json}`);
  }
  say(
    !result.ok
      ? 'FAIL'
      : `PASS: no errors, ${result.memory.some((m) => !Number.isNaN(m.heapSlopeMbPerMin)) ? 'memory flat' : 'RSS flat (heap not judged)'}, ${result.latency.some((l) => l.judged) ? 'latency steady' : 'latency not judged (thirds under ' + limits.minLatencyThirdMinutes + ' min)'}`,
  );
  return result.ok;
}

function progressLine(window: Window): string {
  const rss = Object.entries(window.memory)
    .map(([service, m]) => `${service} ${m.rssMb.toFixed(0)}`)
    .join(' ');
  return `window ${window.index + 1}/${windowCount}: ${window.requests} requests, ${window.errors} errors, p95 ${window.p95.toFixed(0)} ms; RSS MB ${rss}`;
}

function print(windows: Window[], result: ReturnType<typeof verdict>, requests: RequestSample[], loadOf: (w: Window) => number): void {
  const services = [...SERVICE_NAMES];
  process.stdout.write('\nWindows (load: the machine\'s load average; latency in ms over every request; MB of mean RSS / lowest heap in use)\n');
  process.stdout.write(
    table(
      ['window', 'load', 'requests', 'errors', 'p50', 'p95', 'p99', ...services.map((s) => `${s} RSS/heap`)],
      windows.map((w) => [
        `${w.index + 1}${w.index < limits.warmupWindows ? ' (warm-up)' : ''}`,
        loadOf(w),
        w.requests,
        w.errors,
        w.p50,
        w.p95,
        w.p99,
        ...services.map((s) => (w.memory[s] ? `${w.memory[s].rssMb.toFixed(0)} / ${w.memory[s].heapMb.toFixed(0)}` : '–')),
      ]),
    ) + '\n',
  );
  const kinds = [...new Set(windows.flatMap((w) => Object.keys(w.kinds)))].sort();
  const steady = windows.slice(limits.warmupWindows);
  process.stdout.write('\nLatency per kind of request after the warm-up (ms): median of the windows\' p95 in the first and last thirds\n');
  process.stdout.write(
    table(
      ['kind', 'requests', 'errors', 'first p95', 'last p95', 'verdict'],
      kinds.map((kind) => {
        const row = result.latency.find((l) => l.kind === kind);
        return [
          kind,
          steady.reduce((s, w) => s + (w.kinds[kind]?.count ?? 0), 0),
          windows.reduce((s, w) => s + (w.kinds[kind]?.errors ?? 0), 0),
          row?.firstP95 ?? Number.NaN,
          row?.lastP95 ?? Number.NaN,
          !row ? '–' : !row.judged ? 'not judged' : row.ok ? 'steady' : 'DRIFT',
        ];
      }),
    ) + '\n',
  );
  process.stdout.write(`\nMemory after the warm-up (MB; slopes by least squares over the windows, the heap's over those read after a full collection: – with fewer than ${limits.minHeapReadingsAfterGc} or over less than ${limits.minMemoryTrendMinutes} min)\n`);
  process.stdout.write(
    table(
      ['service', 'first RSS', 'last RSS', 'RSS MB/min', 'windows after a full GC', 'their heap MB/min', 'last/first', 'verdict'],
      result.memory.map((m) => [m.service, m.firstRssMb, m.lastRssMb, m.rssSlopeMbPerMin, m.heapReadingsAfterGc, m.heapSlopeMbPerMin, m.growthRatio, m.ok ? 'flat' : 'GROWS']),
    ) + '\n',
  );
  process.stdout.write(`\n${result.requests} requests, ${result.errors} errors (${(result.errorRate * 100).toFixed(3)} %)\n`);
  const distinct = [...new Set(requests.filter((r) => !r.ok).map((r) => `${r.kind}: ${r.error}`))];
  for (const error of distinct.slice(0, 20)) process.stdout.write(`  error ${error}\n`);
  for (const failure of result.failures) process.stdout.write(`FAILED ${failure}\n`);
}

async function main(): Promise<void> {
  let ok = false;
  const run = async (urls: DemoUrls) => {
    ok = await soak(urls);
  };
  if (args.stack) {
    await withBenchStack([...SERVICE_NAMES], ({ urls }) => run(urls as DemoUrls));
  } else {
    await run(urlsFromEnv());
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
  process.exit(1);
});
