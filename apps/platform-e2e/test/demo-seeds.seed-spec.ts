import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signDevToken } from '@tequio/auth';
import { createTestDatabase, ServiceProcess, spawnService, TestDatabase, uniqueTenant } from '@tequio/testing';
import { DemoUrls, loadDemo, SERVICE_NAMES } from '@tequio/demo';

/*
 * The four real quarterly reports reproduced: the demo year is loaded through the APIs of the five services
 * (processes over a real PostgreSQL and Kafka), and Tequio's report for each seed's unit and quarter must carry
 * the seed's numbers, read here from the seed text itself; where the seed's own arithmetic is wrong, the report
 * carries the right figure or a data-quality note instead.
 */
const SEEDS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'seeds');
const seed = (file: string) => readFileSync(path.join(SEEDS, file), 'utf8');
const number = (text: string, pattern: RegExp): number => {
  const match = pattern.exec(text);
  if (!match) throw new Error(`the seed does not say ${pattern}`);
  return Number(match[1]);
};

interface Part {
  key: string;
  total: number;
}
interface Row {
  indicatorId: string;
  name: string;
  levelLabel: string;
  targets: { q1: number | null; q2: number | null; q3: number | null; q4: number | null };
  evaluation: { quarters: { quarter: number; programmed: number | null; achieved: number | null; absoluteVariance: number | null }[] };
  months: { month: string; numerator: number | null; denominator: number | null; value: number | null }[];
  breakdowns: { side: 'numerator' | 'denominator'; metric: string; by: string; parts: Part[]; total: number }[];
}
interface Table {
  program: { code: string; ownerUnitCode: string };
  indicators: Row[];
  warnings: { code: string; indicatorId?: string }[];
}

describe('the four seed reports, reproduced by the demo load in Tequio’s quarterly reports (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  const services: ServiceProcess[] = [];
  let urls: DemoUrls;
  let programs: Record<string, string>;
  const tenant = uniqueTenant('seeds');

  /** The report of a program for a quarter, once reporting has consolidated the facts the events carried. */
  async function report(program: string, year: number, quarter: number, ready: (table: Table) => boolean): Promise<Table> {
    const token = signDevToken({ roles: ['planning'], tenant, sub: 'planeacion@seeds' });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const response = await fetch(`${urls.reporting}/reports/programs/${programs[program]}/${year}/${quarter}`, { headers: { Authorization: `Bearer ${token}` } });
      const table = response.status === 200 ? ((await response.json()) as { table: Table }).table : undefined;
      if (table && ready(table)) return table;
      if (Date.now() > deadline) throw new Error(`the report of ${program} for ${year} Q${quarter} never got its figures: ${JSON.stringify(table)}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  const row = (table: Table, name: RegExp) => {
    const found = table.indicators.find((indicator) => name.test(indicator.name));
    if (!found) throw new Error(`the report has no indicator ${name}`);
    return found;
  };
  const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
  const parts = (indicator: Row, side: 'numerator' | 'denominator', by: string) =>
    Object.fromEntries((indicator.breakdowns.find((b) => b.side === side && b.by === by)?.parts ?? []).map((part) => [part.key, part.total]));

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const name of SERVICE_NAMES) services.push(await spawnService(name, { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' }));
    urls = Object.fromEntries(services.map((service) => [service.name, service.url])) as DemoUrls;
    programs = (await loadDemo({ urls, tenant, say: () => undefined })).programs;
  }, 900_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await database?.drop();
  });

  it('Secretaría Particular (402), Q3 2025: 1010 documents, 294 designations, 100 answers; 198 hearings 135 / 24 / 39', async () => {
    const text = seed('secretaria-particular-q3-2025.txt');
    const received = number(text, /se recibieron un total de (\d+) solicitudes/);
    const answers = number(text, /recibimos un total de (\d+) respuestas/);
    const designations = number(text, /(\d+) fueron designaciones/);
    const hearings = number(text, /un total de (\d+) audiencias/);
    const dialogues = number(text, /de las cuales (\d+) se trataron/);
    const president = number(text, /(\d+) se atendieron por el Presidente/);
    const pending = number(text, /(\d+) están en proceso/);
    expect(dialogues + president + pending).toBe(hearings);

    const table = await report('2025/08', 2025, 3, (t) => t.indicators.length >= 3 && sum(t.indicators.flatMap((i) => i.months.map((m) => m.denominator))) > 0);
    const turned = row(table, /turnados por oficio$/);
    expect(sum(turned.months.map((m) => m.denominator))).toBe(received);
    expect(sum(turned.months.map((m) => m.numerator))).toBe(received);
    expect(parts(turned, 'numerator', 'requiresResponse')).toMatchObject({ false: designations, true: received - designations });
    const answered = row(table, /solicitudes escritas turnadas por oficio y atendidas/);
    expect(sum(answered.months.map((m) => m.numerator))).toBe(answers);
    expect(sum(answered.months.map((m) => m.denominator))).toBe(received - designations);
    const audiences = row(table, /audiencia/);
    expect(sum(audiences.months.map((m) => m.denominator))).toBe(hearings);
    expect(sum(audiences.months.map((m) => m.numerator))).toBe(dialogues + president);
    expect(parts(audiences, 'denominator', 'outcome')).toEqual({ dialogo_vecinal: dialogues, presidente: president, en_proceso: pending });
  });

  it('Oficina de la Presidencia, Q2 2025: 13 cabinet meetings (25 % of the year), 320 weekly agendas 100 / 120 / 100', async () => {
    const text = seed('oficina-presidencia-q2-2025.txt');
    const meetings = number(text, /llevaron a cabo \*\*(\d+) reuniones de gabinete/);
    const share = number(text, /lo que representa el (\d+)% del total anual/);
    const agendas = number(text, /un total de (\d+) agendas semanales/);
    const byMonth = ['Abril', 'Mayo', 'Junio'].map((month) => number(text, new RegExp(`\\*\\*${month}:\\*\\* (\\d+) agendas semanales`)));
    expect(sum(byMonth)).toBe(agendas);

    const table = await report('2025/01', 2025, 2, (t) => t.indicators.length >= 2 && t.indicators.every((i) => i.evaluation.quarters[1]?.achieved !== null));
    const cabinet = row(table, /reuniones de gabinete/);
    expect(sum(cabinet.months.map((m) => m.numerator))).toBe(meetings);
    expect(cabinet.evaluation.quarters[1].achieved).toBe(share);
    const weekly = row(table, /agendas semanales/);
    expect(weekly.months.map((m) => m.numerator)).toEqual(byMonth);
  });

  it('Unidad de Transparencia (801), Q2 2024: 71 requests received and answered, 26 / 13 / 32 by month, by requester category', async () => {
    const text = seed('unidad-transparencia-q2-2024.txt');
    const figures = /SOLICITUDES RECIBIDAS\tSOLICITUDES ATENDIDAS\s*\n(\d+)\t(\d+)\t(\d+)\t(\d+)\t(\d+)/.exec(text);
    if (!figures) throw new Error('the seed has no table of requests received and answered');
    const [april, may, june, received, answered] = figures.slice(1).map(Number);
    const byCategory = { hombre: 0, mujer: 0, no_identificado: 0 };
    for (const month of ['ABRIL', 'MAYO', 'JUNIO']) {
      const match = new RegExp(`POR GÉNERO[\\s\\S]*?\\n${month}\\t(\\d+)\\t(\\d+)\\t(\\d+)`).exec(text);
      if (!match) throw new Error(`the seed has no requests by category for ${month}`);
      byCategory.hombre += Number(match[1]);
      byCategory.mujer += Number(match[2]);
      byCategory.no_identificado += Number(match[3]);
    }

    const table = await report('2024/26', 2024, 2, (t) => t.indicators.length >= 1 && sum(t.indicators[0].months.map((m) => m.denominator)) >= received);
    const requests = row(table, /solicitudes de acceso a la información/);
    expect(requests.months.map((m) => m.denominator)).toEqual([april, may, june]);
    expect(sum(requests.months.map((m) => m.numerator))).toBe(answered);
    expect(parts(requests, 'denominator', 'requesterCategory')).toMatchObject(byCategory);
  });

  it('Secretaría de Gobierno (304), MIR Q2 2023: the targets and achieved values of the seed, right variances, and a note where its targets do not add up', async () => {
    const text = seed('secretaria-gobierno-mir-q2-2023.txt');
    const seedRows = text
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((cells) => /^(Fin|Propósito|Componente \d+|Actividad \d+\.\d+)$/.test(cells[0]) && cells.length > 17)
      .map((cells) => ({ level: cells[0], targets: cells.slice(11, 15).map((cell) => Number(cell.replace('%', ''))), achieved: cells.slice(16, 18).map(Number) }));
    expect(seedRows.length).toBeGreaterThanOrEqual(2);

    const table = await report('2023/04', 2023, 2, (t) => t.indicators.length > 0 && t.indicators.every((i) => i.evaluation.quarters[1]?.achieved !== null));
    for (const seedRow of seedRows) {
      const indicator = table.indicators.find((i) => i.levelLabel === seedRow.level);
      expect({ level: seedRow.level, targets: indicator && Object.values(indicator.targets) }).toEqual({ level: seedRow.level, targets: seedRow.targets });
      const [q1, q2] = indicator?.evaluation.quarters ?? [];
      expect([seedRow.level, q1?.achieved, q2?.achieved]).toEqual([seedRow.level, ...seedRow.achieved]);
      // The seed's variance columns are not achieved − programmed; the report's are.
      expect(q2?.absoluteVariance).toBeCloseTo((q2?.achieved ?? 0) - (q2?.programmed ?? 0), 6);
      if (sum(seedRow.targets) !== 100) {
        expect(table.warnings).toContainEqual(expect.objectContaining({ code: 'metas_no_suman_meta_anual', indicatorId: indicator?.indicatorId }));
      }
    }
  });
});
