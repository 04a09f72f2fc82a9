/*
 * The soak's arithmetic: requests and memory samples gathered into fixed windows, and the verdict on them
 * (no error, memory without a growth trend, latency percentiles that do not drift). No I/O here, so it is tested alone.
 */
import { percentile } from '../stats/percentile';

export interface RequestSample {
  /** Milliseconds since the start of the run. */
  at: number;
  kind: string;
  ms: number;
  ok: boolean;
  /** What went wrong: the status and path, or the network error. */
  error?: string;
}

export interface MemorySample {
  at: number;
  service: string;
  rssMb: number;
  heapMb: number;
  /** Full (mark-compact) collections since the service started: a sample after a new one reads what survived it. */
  majorGcs: number;
}

export interface KindWindow {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Window {
  index: number;
  requests: number;
  errors: number;
  /** Latencies of every request in the window, for the overall and per-kind percentiles. */
  p50: number;
  p95: number;
  p99: number;
  kinds: Record<string, KindWindow>;
  /**
   * Each service's mean RSS over the window's samples and its lowest heap in use; `heapAfterGcMb`, the lowest heap
   * read just after a full collection, when one ran since the service's previous sample. The heap is a sawtooth
   * between full collections, tens of MB high; what survives them is what a leak makes grow.
   */
  memory: Record<string, { rssMb: number; heapMb: number; heapAfterGcMb?: number }>;
}

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Cuts the run into windows of `windowMs`; only complete windows count (a run stopped mid-window drops the rest). */
export function toWindows(requests: readonly RequestSample[], memory: readonly MemorySample[], windowMs: number, windowCount: number): Window[] {
  const afterGc = samplesAfterFullCollection(memory);
  const windows: Window[] = [];
  for (let index = 0; index < windowCount; index++) {
    const inWindow = <T extends { at: number }>(sample: T) => sample.at >= index * windowMs && sample.at < (index + 1) * windowMs;
    const own = requests.filter(inWindow);
    const latencies = ascending(own.map((r) => r.ms));
    const kinds: Record<string, KindWindow> = {};
    for (const kind of [...new Set(own.map((r) => r.kind))].sort()) {
      const ofKind = own.filter((r) => r.kind === kind);
      const sorted = ascending(ofKind.map((r) => r.ms));
      kinds[kind] = { count: ofKind.length, errors: ofKind.filter((r) => !r.ok).length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
    }
    const samples = memory.filter(inWindow);
    const memoryByService: Window['memory'] = {};
    for (const service of [...new Set(samples.map((s) => s.service))].sort()) {
      const ofService = samples.filter((s) => s.service === service);
      const afterCollection = ofService.filter((s) => afterGc.has(s));
      memoryByService[service] = {
        rssMb: mean(ofService.map((s) => s.rssMb)),
        heapMb: Math.min(...ofService.map((s) => s.heapMb)),
        ...(afterCollection.length > 0 && { heapAfterGcMb: Math.min(...afterCollection.map((s) => s.heapMb)) }),
      };
    }
    windows.push({
      index,
      requests: own.length,
      errors: own.filter((r) => !r.ok).length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      kinds,
      memory: memoryByService,
    });
  }
  return windows;
}

/** The samples taken after a full collection that the service's previous sample had not seen. */
function samplesAfterFullCollection(memory: readonly MemorySample[]): Set<MemorySample> {
  const previous = new Map<string, number>();
  const after = new Set<MemorySample>();
  for (const sample of [...memory].sort((a, b) => a.at - b.at)) {
    const before = previous.get(sample.service);
    if (before !== undefined && sample.majorGcs > before) after.add(sample);
    previous.set(sample.service, sample.majorGcs);
  }
  return after;
}

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two points. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  if (points.length < 2) return 0;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  const sxx = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  if (sxx === 0) return 0;
  return points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0) / sxx;
}

export interface Limits {
  /** Windows at the start left out of the memory and latency checks (JIT, pools and caches filling). */
  warmupWindows: number;
  windowMinutes: number;
  /** Growth trend of each service's RSS and heap in use, MB per minute, that fails the run. */
  maxRssSlopeMbPerMin: number;
  maxHeapSlopeMbPerMin: number;
  /**
   * The heap's trend is judged over the windows with a reading after a full collection, when there are at least
   * this many spanning at least `minMemoryTrendMinutes`: between full collections the heap climbs tens of MB whatever
   * the trend, and a reading a few seconds after one still holds what was allocated since (up to a young generation,
   * ~16 MB), so over a 2-minute run that noise alone makes a steep slope. RSS slopes need the same span; a short
   * run judges RSS by its last/first ratio only.
   */
  minHeapReadingsAfterGc: number;
  minMemoryTrendMinutes: number;
  /** The last post-warm-up window's RSS over the first's. */
  maxRssGrowthRatio: number;
  /** Median per-window p95 of the last third of the windows over the first third's, per kind of operation… */
  maxP95Ratio: number;
  /** …failing only past this many milliseconds of difference too (a 4 ms read at 9 ms is noise, not drift). */
  minP95IncreaseMs: number;
  /** Kinds with fewer requests than this in either third are reported, not judged. */
  minSamplesPerKind: number;
  /**
   * Latency is judged only when a third lasts this long: over thirds of 30 s (a 2-minute run) a neighbour's busy
   * moment on a shared machine weighs as much as a drift, so a short run checks errors and memory only.
   */
  minLatencyThirdMinutes: number;
}

/**
 * The default limits for a run: the windows of its warm-up, and slopes that scale with how long the steady part
 * lasts. Memory wobbles by some megabytes (RSS) and more (heap) whatever the trend, so over a short span that wobble
 * alone makes a steep slope: the limit is the larger of a fixed rate and the wobble spread over the span. Over a
 * 30-minute run (25 steady minutes) that is 1 MB/min of RSS and 0.5 MB/min of heap, i.e. 25 and 12.5 MB in all.
 */
export function defaultLimits(minutes: number, windowSeconds: number, warmupMinutes: number): Limits {
  const warmupWindows = Math.ceil((warmupMinutes * 60) / windowSeconds);
  const steadyMinutes = Math.max(windowSeconds / 60, minutes - (warmupWindows * windowSeconds) / 60);
  return {
    warmupWindows,
    windowMinutes: windowSeconds / 60,
    maxRssSlopeMbPerMin: Math.max(1, 16 / steadyMinutes),
    maxHeapSlopeMbPerMin: Math.max(0.5, 8 / steadyMinutes),
    minHeapReadingsAfterGc: 3,
    minMemoryTrendMinutes: 10,
    maxRssGrowthRatio: 1.25,
    maxP95Ratio: 2,
    minP95IncreaseMs: 50,
    minSamplesPerKind: 20,
    minLatencyThirdMinutes: 3,
  };
}

export interface MemoryVerdict {
  service: string;
  firstRssMb: number;
  lastRssMb: number;
  rssSlopeMbPerMin: number;
  /** Over the readings after a full collection; NaN (not judged) with too few of them or over too short a span. */
  heapSlopeMbPerMin: number;
  /** Windows with a heap reading after a full collection. */
  heapReadingsAfterGc: number;
  growthRatio: number;
  ok: boolean;
}

export interface LatencyVerdict {
  kind: string;
  firstCount: number;
  lastCount: number;
  firstP95: number;
  lastP95: number;
  /** false: too few samples, or too short a run, to judge. */
  judged: boolean;
  ok: boolean;
}

export interface Verdict {
  ok: boolean;
  requests: number;
  errors: number;
  errorRate: number;
  memory: MemoryVerdict[];
  latency: LatencyVerdict[];
  /** One sentence per failed check. */
  failures: string[];
}

export function verdict(windows: readonly Window[], limits: Limits): Verdict {
  const failures: string[] = [];
  const total = windows.reduce((sum, w) => sum + w.requests, 0);
  const errors = windows.reduce((sum, w) => sum + w.errors, 0);
  if (total === 0) failures.push('no request completed in any window');
  if (errors > 0) failures.push(`${errors} of ${total} requests failed`);

  const steady = windows.slice(limits.warmupWindows);
  if (steady.length < 3) failures.push(`only ${steady.length} windows after the warm-up: at least 3 are needed to see a trend`);

  const memory: MemoryVerdict[] = [];
  const services = [...new Set(steady.flatMap((w) => Object.keys(w.memory)))].sort();
  for (const service of services) {
    // A window without a sample (a slow /metrics under load) is skipped; a service that mostly went unread fails.
    const seen = steady.filter((w) => w.memory[service]);
    if (seen.length < Math.max(3, steady.length / 2)) {
      failures.push(`${service}: memory read in only ${seen.length} of ${steady.length} windows`);
      continue;
    }
    // NaN (not judged) unless `minPoints` points span `minMemoryTrendMinutes`.
    const trend = (points: ReadonlyArray<{ x: number; y: number }>, minPoints: number) =>
      points.length >= minPoints && points[points.length - 1].x - points[0].x >= limits.minMemoryTrendMinutes ? slope(points) : Number.NaN;
    const rssPoints = seen.map((w) => ({ x: w.index * limits.windowMinutes, y: w.memory[service].rssMb }));
    const heapPoints = seen
      .filter((w) => w.memory[service].heapAfterGcMb !== undefined)
      .map((w) => ({ x: w.index * limits.windowMinutes, y: w.memory[service].heapAfterGcMb as number }));
    const first = seen[0].memory[service].rssMb;
    const last = seen[seen.length - 1].memory[service].rssMb;
    const row: MemoryVerdict = {
      service,
      firstRssMb: first,
      lastRssMb: last,
      // Over a short run V8 sizing its spaces to the load is a steep slope (catalog: 18 MB in 90 s); the ratio still judges it.
      rssSlopeMbPerMin: trend(rssPoints, 2),
      heapSlopeMbPerMin: trend(heapPoints, limits.minHeapReadingsAfterGc),
      heapReadingsAfterGc: heapPoints.length,
      growthRatio: last / first,
      ok: true,
    };
    const problems = [
      row.rssSlopeMbPerMin > limits.maxRssSlopeMbPerMin && `${service}: RSS grows ${row.rssSlopeMbPerMin.toFixed(2)} MB/min (limit ${limits.maxRssSlopeMbPerMin})`,
      row.heapSlopeMbPerMin > limits.maxHeapSlopeMbPerMin &&
        `${service}: heap after full collections grows ${row.heapSlopeMbPerMin.toFixed(2)} MB/min (limit ${limits.maxHeapSlopeMbPerMin})`,
      row.growthRatio > limits.maxRssGrowthRatio && `${service}: RSS ${first.toFixed(0)} → ${last.toFixed(0)} MB (×${row.growthRatio.toFixed(2)}, limit ×${limits.maxRssGrowthRatio})`,
    ].filter((problem): problem is string => typeof problem === 'string');
    failures.push(...problems);
    row.ok = problems.length === 0;
    memory.push(row);
  }

  // Latency: the median over the windows of each third of a kind's per-window p95. A drift moves most windows; one
  // slow minute of the whole machine (another job on a shared host) moves one window, not the median.
  const latency: LatencyVerdict[] = [];
  if (steady.length >= 3) {
    const third = Math.floor(steady.length / 3);
    const longEnough = third * limits.windowMinutes >= limits.minLatencyThirdMinutes;
    const head = steady.slice(0, third);
    const tail = steady.slice(steady.length - third);
    const kinds = [...new Set(steady.flatMap((w) => Object.keys(w.kinds)))].sort();
    const median = (values: number[]) => (values.length === 0 ? Number.NaN : percentile(ascending(values), 50));
    for (const kind of kinds) {
      const of = (windowsOfThird: readonly Window[]) => windowsOfThird.filter((w) => w.kinds[kind]?.count);
      const count = (windowsOfThird: readonly Window[]) => windowsOfThird.reduce((sum, w) => sum + (w.kinds[kind]?.count ?? 0), 0);
      const row: LatencyVerdict = {
        kind,
        firstCount: count(head),
        lastCount: count(tail),
        firstP95: median(of(head).map((w) => w.kinds[kind].p95)),
        lastP95: median(of(tail).map((w) => w.kinds[kind].p95)),
        judged: false,
        ok: true,
      };
      row.judged = longEnough && row.firstCount >= limits.minSamplesPerKind && row.lastCount >= limits.minSamplesPerKind;
      if (row.judged && row.lastP95 > row.firstP95 * limits.maxP95Ratio && row.lastP95 - row.firstP95 > limits.minP95IncreaseMs) {
        row.ok = false;
        failures.push(`${kind}: p95 ${row.firstP95.toFixed(0)} → ${row.lastP95.toFixed(0)} ms (limit ×${limits.maxP95Ratio})`);
      }
      latency.push(row);
    }
  }
  return { ok: failures.length === 0, requests: total, errors, errorRate: total === 0 ? 0 : errors / total, memory, latency, failures };
}

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  const numeric = header.map((_, column) => rows.every((row) => typeof row[column] === 'number'));
  return cells
    .map((row) => row.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd())
    .join('\n');
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}
