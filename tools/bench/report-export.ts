/*
 * Benchmark of the report exports on this machine, in one Node process as the reporting service
 * would run them: the PDF Informe Trimestral of a program with 20 MIR indicators and 4 charts, the
 * XLSX of that report, and planning's view of 500 indicators as XLSX and CSV (and of 5,000 as XLSX). Prints latency
 * percentiles and the process's memory while exporting (run with --expose-gc, as the npm script
 * does, for the heap left after a collection).
 * Run with `npm run bench:exports [-- --runs 30]`.
 */
import { parseArgs } from 'node:util';
import { percentile } from '../stats/percentile';
import {
  EXAMPLE_QUARTERLY_REPORT,
  QuarterlyReportDocument,
  exampleMirRow,
  examplePlanningView,
  mirCsvStream,
  planningCsvStream,
  renderPlanningXlsx,
  renderReportPdf,
  renderReportXlsx,
  streamToBuffer,
} from '@tequio/report-export';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, indicators: { type: 'string', default: '500' } } });
const RUNS = Number(values.runs);
const PLANNING_INDICATORS = Number(values.indicators);

function programWithTwentyIndicators(): QuarterlyReportDocument {
  const levels = ['fin', 'proposito', 'componente', 'actividad'] as const;
  const mir = Array.from({ length: 20 }, (_, index) =>
    exampleMirRow(
      {
        code: index < 2 ? ['F', 'P'][index] : `A${Math.floor(index / 5) + 1}.${(index % 5) + 1}`,
        level: levels[Math.min(index, 3)],
        name: `Porcentaje de acciones de atención ciudadana realizadas en el trimestre, línea ${index + 1}`,
        methodOfCalculation: '(acciones realizadas / acciones programadas) × 100',
        meansOfVerification: 'Registros del sistema de la unidad responsable',
        programmed: [25, 25, 25, 25],
        achieved: [20 + (index % 6), 18 + (index % 9), 15 + (index % 12), null],
      },
      3,
    ),
  );
  const monthly = {
    title: 'Agendas semanales recibidas por mes',
    metric: 'agenda.weekly_agendas',
    dimension: 'month' as const,
    rows: [
      { label: 'Julio', value: 100 },
      { label: 'Agosto', value: 120 },
      { label: 'Septiembre', value: 100 },
    ],
    chart: 'bar' as const,
    total: 320,
    partsAddUp: true,
  };
  return { ...EXAMPLE_QUARTERLY_REPORT, mir, breakdowns: [...EXAMPLE_QUARTERLY_REPORT.breakdowns, monthly] };
}

const MiB = 1024 * 1024;

async function measure(name: string, runs: number, work: () => Promise<Buffer>): Promise<void> {
  await work(); // warm-up: fonts read, code compiled
  const times: number[] = [];
  let bytes = 0;
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 5);
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    bytes = (await work()).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }
  clearInterval(sampler);
  // What stays after a collection: a leak would show here, garbage not yet collected would not.
  globalThis.gc?.();
  const retainedHeap = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  const fixed = (value: number) => value.toFixed(1);
  console.log(
    `| ${name} | ${runs} | ${fixed(percentile(times, 50))} | ${fixed(percentile(times, 95))} | ${fixed(times[times.length - 1])} | ${(bytes / 1024).toFixed(0)} | ${fixed(peakRss / MiB)} | ${fixed(peakHeap / MiB)} | ${fixed(retainedHeap / MiB)} |`,
  );
}

async function main(): Promise<void> {
  const report = programWithTwentyIndicators();
  const view = examplePlanningView(PLANNING_INDICATORS);
  console.log(`Node ${process.version}, ${RUNS} runs each after one warm-up; memory is this process's peak while exporting.`);
  globalThis.gc?.();
  console.log(`Before: RSS ${(process.memoryUsage().rss / MiB).toFixed(1)} MiB, heap ${(process.memoryUsage().heapUsed / MiB).toFixed(1)} MiB\n`);
  console.log('| export | runs | p50 (ms) | p95 (ms) | max (ms) | size (KiB) | peak RSS (MiB) | peak heap (MiB) | heap after GC (MiB) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  await measure(`PDF, program of ${report.mir.length} indicators and ${report.breakdowns.length} charts`, RUNS, () => renderReportPdf(report));
  await measure(`XLSX, same report (4 sheets, ${report.breakdowns.length} chart images)`, RUNS, () => renderReportXlsx(report));
  await measure(`CSV, MIR table of the same report`, RUNS, () => streamToBuffer(mirCsvStream(report)));
  await measure(`XLSX, planning view of ${view.rows.length} indicators`, RUNS, () => renderPlanningXlsx(view));
  await measure(`CSV, planning view of ${view.rows.length} indicators`, RUNS, () => streamToBuffer(planningCsvStream(view)));
  const large = examplePlanningView(PLANNING_INDICATORS * 10);
  await measure(`XLSX, planning view of ${large.rows.length} indicators (streamed)`, Math.max(5, Math.ceil(RUNS / 5)), () => renderPlanningXlsx(large));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
