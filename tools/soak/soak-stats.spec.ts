import { defaultLimits, Limits, MemorySample, RequestSample, slope, table, toWindows, verdict } from './soak-stats';

const MINUTE = 60_000;
const limits: Limits = { ...defaultLimits(30, 60, 5), minSamplesPerKind: 5 };

/** `perWindow` requests of one kind in each of `windows` one-minute windows, latency from `ms(window, i)`. */
function requests(windows: number, perWindow: number, kind: string, ms: (window: number, i: number) => number): RequestSample[] {
  return Array.from({ length: windows * perWindow }, (_, n) => {
    const window = Math.floor(n / perWindow);
    const i = n % perWindow;
    return { at: window * MINUTE + (i * MINUTE) / perWindow, kind, ms: ms(window, i), ok: true };
  });
}

/**
 * Four samples a minute of one service: RSS from `rss(minute)`, heap with a sawtooth over `heapFloor(minute)`, a
 * full collection just before each minute's first sample.
 */
function memory(windows: number, service: string, rss: (minute: number) => number, heapFloor: (minute: number) => number = () => 50): MemorySample[] {
  return Array.from({ length: windows * 4 }, (_, n) => {
    const minute = n / 4;
    return { at: minute * MINUTE, service, rssMb: rss(minute), heapMb: heapFloor(minute) + (n % 4) * 15, majorGcs: Math.floor(n / 4) };
  });
}

function judge(samples: RequestSample[], memorySamples: MemorySample[], windows = 30, custom: Limits = limits) {
  return verdict(toWindows(samples, memorySamples, MINUTE, windows), custom);
}

describe('soak statistics', () => {
  it('fits the least-squares slope of a line, and of noise around it', () => {
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 10 + 2 * x })))).toBeCloseTo(2);
    expect(slope([0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 100 + 0.5 * x + (x % 2 === 0 ? 3 : -3) })))).toBeCloseTo(0.5 - 9 / 17.5, 5);
    expect(slope([{ x: 1, y: 5 }])).toBe(0);
  });

  it('cuts requests and memory samples into windows with their own counts, percentiles and memory', () => {
    const samples = [
      ...requests(2, 10, 'read', (window, i) => (window === 0 ? 10 + i : 100 + i)),
      { at: 90_000, kind: 'write', ms: 40, ok: false, error: 'POST /x → 500' },
    ];
    const windows = toWindows(samples, memory(2, 'catalog', (minute) => 200 + minute * 4), MINUTE, 2);
    expect(windows.map((w) => [w.requests, w.errors])).toEqual([
      [10, 0],
      [11, 1],
    ]);
    expect(windows[0].kinds['read']).toMatchObject({ count: 10, p50: 14, p95: 19 });
    expect(windows[1].kinds['write']).toEqual({ count: 1, errors: 1, p50: 40, p95: 40, p99: 40 });
    // Samples at 0, .25, .5, .75 min: mean RSS 201.5; heap floor 50 under its sawtooth. The first window has no
    // sample after a full collection (none before the first sample counts); the second's first sample is one.
    expect(windows[0].memory['catalog']).toEqual({ rssMb: 201.5, heapMb: 50 });
    expect(windows[1].memory['catalog'].heapAfterGcMb).toBe(50);
    expect(windows[1].memory['catalog'].rssMb).toBeCloseTo(205.5);
  });

  it('passes a run without errors, with flat memory and steady latency', () => {
    const result = judge(requests(30, 20, 'report', (_w, i) => 50 + i), memory(30, 'reporting', (minute) => 250 + (minute % 3)));
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.memory[0]).toMatchObject({ service: 'reporting', ok: true });
    expect(result.latency[0]).toMatchObject({ kind: 'report', judged: true, ok: true });
  });

  it('fails on a single failed request', () => {
    const samples = requests(30, 20, 'report', () => 50);
    samples[123] = { ...samples[123], ok: false, error: 'GET /reports → 503' };
    const result = judge(samples, memory(30, 'reporting', () => 250));
    expect(result.ok).toBe(false);
    expect(result.errors).toBe(1);
    expect(result.failures).toEqual(['1 of 600 requests failed']);
  });

  it('fails a service whose RSS grows steadily after the warm-up, however slowly it starts', () => {
    const result = judge(requests(30, 20, 'report', () => 50), [...memory(30, 'agenda', () => 210), ...memory(30, 'catalog', (minute) => 200 + 2 * minute)]);
    expect(result.ok).toBe(false);
    expect(result.memory.find((m) => m.service === 'agenda')?.ok).toBe(true);
    const catalog = result.memory.find((m) => m.service === 'catalog');
    expect(catalog?.ok).toBe(false);
    expect(catalog?.rssSlopeMbPerMin).toBeCloseTo(2, 1);
    expect(result.failures.some((f) => f.startsWith('catalog: RSS grows'))).toBe(true);
  });

  it('fails a heap whose floor climbs though RSS stays flat (a leak V8 has room for)', () => {
    const result = judge(requests(30, 20, 'report', () => 50), memory(30, 'transparency', () => 230, (minute) => 60 + minute));
    expect(result.failures).toEqual([expect.stringMatching(/^transparency: heap after full collections grows 1\.00 MB\/min/)]);
    expect(result.memory[0]).toMatchObject({ heapReadingsAfterGc: 25, ok: false });
  });

  it('reads the heap after full collections only: its climb between two of them is no trend', () => {
    // A 2-minute run: the heap climbs 36 MB over 80 s without a full collection, then one brings it back (as seen in
    // CI). The climb alone is 20 MB/min; with one reading after a collection the heap is not judged, RSS still is.
    const TEN_S = 10_000;
    const short = { ...defaultLimits(2, 10, 0.4), minMemoryTrendMinutes: 0 };
    const memorySamples: MemorySample[] = Array.from({ length: 24 }, (_, n) => ({
      at: n * 5_000,
      service: 'reporting',
      rssMb: 240,
      heapMb: n < 22 ? 83 + n * 1.7 : 84,
      majorGcs: n < 22 ? 4 : 5,
    }));
    const result = verdict(toWindows(requests(2, 60, 'report', () => 20), memorySamples, TEN_S, 12), short);
    expect(result.memory[0]).toMatchObject({ service: 'reporting', heapReadingsAfterGc: 1, ok: true });
    expect(result.memory[0].heapSlopeMbPerMin).toBeNaN();
    expect(result.failures).toEqual([]);
    // The same readings, each after a collection: that is a leak.
    const leaking = verdict(toWindows(requests(2, 60, 'report', () => 20), memorySamples.map((s, n) => ({ ...s, majorGcs: n })), TEN_S, 12), short);
    expect(leaking.failures).toEqual([expect.stringMatching(/^reporting: heap after full collections grows/)]);
  });

  it('leaves the heap unjudged when its readings after full collections span under 10 minutes (RSS is judged)', () => {
    // CI's 2-minute run: three readings after full collections, 61, 68 and 72 MB within 70 s (what the young generation
    // held at each reading), 12 MB/min; the default limits of a short run do not call that a trend.
    const TEN_S = 10_000;
    const short = defaultLimits(2, 10, 0.4);
    const heapAt = new Map([[8, 61], [18, 68], [22, 72]]);
    const memorySamples: MemorySample[] = Array.from({ length: 24 }, (_, n) => ({
      at: n * 5_000,
      service: 'correspondence',
      rssMb: 200,
      heapMb: heapAt.get(n) ?? 90,
      majorGcs: [...heapAt.keys()].filter((k) => k <= n).length,
    }));
    const result = verdict(toWindows(requests(2, 60, 'report', () => 20), memorySamples, TEN_S, 12), short);
    expect(result.memory[0]).toMatchObject({ heapReadingsAfterGc: 3, ok: true });
    expect(result.memory[0].heapSlopeMbPerMin).toBeNaN();
    expect(result.failures).toEqual([]);
    expect(verdict(toWindows(requests(2, 60, 'report', () => 20), memorySamples, TEN_S, 12), { ...short, minMemoryTrendMinutes: 0 }).failures).toEqual([
      expect.stringMatching(/^correspondence: heap after full collections grows/),
    ]);
  });

  it('ignores the warm-up: memory that settles in the first minutes is not a trend', () => {
    const settles = (minute: number) => (minute < 5 ? 150 + minute * 15 : 225);
    expect(judge(requests(30, 20, 'report', () => 50), memory(30, 'correspondence', settles)).ok).toBe(true);
  });

  it('fails a kind whose p95 more than doubles between the first and last thirds, and only that kind', () => {
    const samples = [...requests(30, 20, 'export', (window, i) => (window >= 22 ? 400 : 100) + i), ...requests(30, 20, 'list', (_w, i) => 20 + i)];
    const result = judge(samples, memory(30, 'reporting', () => 250));
    expect(result.latency.find((l) => l.kind === 'export')).toMatchObject({ ok: false, firstP95: 118, lastP95: 418 });
    expect(result.latency.find((l) => l.kind === 'list')?.ok).toBe(true);
    expect(result.failures).toEqual(['export: p95 118 → 418 ms (limit ×2)']);
  });

  it('does not call one slow minute at the end a drift: the median window moves only when most windows do', () => {
    const samples = requests(30, 20, 'export', (window, i) => (window >= 28 ? 900 : 100) + i);
    const result = judge(samples, memory(30, 'reporting', () => 250));
    expect(result.latency[0]).toMatchObject({ ok: true, firstP95: 118, lastP95: 118 });
    expect(result.failures).toEqual([]);
  });

  it('does not call a few milliseconds of difference a drift, nor judge a kind with few samples', () => {
    const samples = [...requests(30, 20, 'fast', (window) => (window >= 22 ? 9 : 3)), ...requests(30, 1, 'rare', (window) => (window >= 22 ? 5000 : 100))];
    const result = judge(samples, memory(30, 'agenda', () => 200), 30, { ...limits, minSamplesPerKind: 20 });
    expect(result.failures).toEqual([]);
    expect(result.latency.find((l) => l.kind === 'rare')?.judged).toBe(false);
  });

  it('needs three windows after the warm-up, and memory read in most of them', () => {
    expect(judge(requests(6, 20, 'x', () => 5), memory(6, 'agenda', () => 200), 6).failures).toContain('only 1 windows after the warm-up: at least 3 are needed to see a trend');
    const sparse = memory(30, 'agenda', () => 200).filter((s) => s.at < 10 * MINUTE);
    expect(judge(requests(30, 20, 'x', () => 5), sparse).failures).toContain('agenda: memory read in only 5 of 25 windows');
  });

  it('scales the memory limits to the steady span: a short run tolerates the wobble, a long one a slow trend only', () => {
    expect(defaultLimits(30, 60, 5)).toMatchObject({ warmupWindows: 5, maxRssSlopeMbPerMin: 1, maxHeapSlopeMbPerMin: 0.5, maxP95Ratio: 2 });
    const short = defaultLimits(2, 10, 0.4);
    expect(short.warmupWindows).toBe(3);
    expect(short.maxRssSlopeMbPerMin).toBeCloseTo(16 / 1.5);
    expect(short.maxHeapSlopeMbPerMin).toBeCloseTo(8 / 1.5);
  });

  it('leaves latency unjudged when a third lasts under 3 minutes, and still judges errors and memory', () => {
    const TEN_S = 10_000;
    const short = defaultLimits(2, 10, 0.5);
    // Twelve windows of 10 s, 12 requests each; the last three four times slower, and one failed request.
    const samples: RequestSample[] = Array.from({ length: 144 }, (_, n) => ({ at: Math.floor(n / 12) * TEN_S + (n % 12) * 800, kind: 'write', ms: n >= 108 ? 400 : 100, ok: n !== 5 }));
    const memorySamples: MemorySample[] = Array.from({ length: 24 }, (_, n) => ({ at: n * 5_000, service: 'agenda', rssMb: 200 + n * 5, heapMb: 60, majorGcs: n }));
    const result = verdict(toWindows(samples, memorySamples, TEN_S, 12), short);
    expect(result.latency[0]).toMatchObject({ kind: 'write', firstCount: 36, lastCount: 36, judged: false, ok: true });
    expect(result.failures).toEqual(['1 of 144 requests failed', expect.stringMatching(/^agenda: RSS 2\d\d → 3\d\d MB/)]);
  });

  it('prints aligned tables', () => {
    expect(table(['kind', 'p95'], [['report', 12.345], ['export.pdf', 250]])).toBe('kind         p95\nreport      12.3\nexport.pdf   250');
  });
});
