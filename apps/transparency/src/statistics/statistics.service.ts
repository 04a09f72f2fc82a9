import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { calendarDay, REQUESTER_CATEGORIES } from '@tequio/contracts';
import { isTransparencyStaff, SettingsService } from '../settings/settings.service';
import { check, ConsistencyCheck, report } from './consistency';
import { Period, StatisticsRepository } from './statistics.repository';

type Counts = Record<string, number>;
type MonthRow = { month: string } & Record<string, number | string>;

const add = (counts: Counts, key: string, value: number) => {
  counts[key] = (counts[key] ?? 0) + value;
};
const zeroCategories = (): Counts => Object.fromEntries(REQUESTER_CATEGORIES.map((category) => [category, 0]));
/** Month rows in month order, each with its count. */
const byMonthRows = (counts: Record<string, Counts>): MonthRow[] =>
  Object.keys(counts)
    .sort()
    .map((month) => ({ month, ...counts[month] }));

export type Statistics = Awaited<ReturnType<StatisticsService['compute']>>;

/** Statistics of any period, computed from the records; the consistency check compares each breakdown with its total. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly settingsService: SettingsService,
  ) {}

  async get(user: TequioClaims, from: string, to: string) {
    await this.requireReader(user);
    return this.compute(period(user.tenant, from, to));
  }

  async consistency(user: TequioClaims, from: string, to: string) {
    await this.requireReader(user);
    const statistics = await this.compute(period(user.tenant, from, to));
    return { period: statistics.period, ...consistencyOf(statistics) };
  }

  async compute(period: Period) {
    const [received, answered, overdue, byUnit, oficios, appeals, appealsAnswered, notifications, complaints, activities] = await Promise.all([
      this.statistics.receivedRequests(period),
      this.statistics.answeredRequests(period),
      this.statistics.overdueRequests(period),
      this.statistics.requestsByUnit(period),
      this.statistics.oficios(period),
      this.statistics.appeals(period),
      this.statistics.appealsAnswered(period),
      this.statistics.appealNotificationsByMonth(period),
      this.statistics.complaints(period),
      this.statistics.activities(period),
    ]);

    const requests = {
      received: 0,
      answered: 0,
      onTime: 0,
      late: 0,
      overdue,
      byMonth: {} as Record<string, Counts>,
      byRequesterCategory: zeroCategories(),
      byMonthAndRequesterCategory: {} as Record<string, Counts>,
      answeredByRequesterCategory: zeroCategories(),
      byChannel: {} as Counts,
      byKind: {} as Counts,
      byAnswerType: {} as Counts,
      byUnit: byUnit.map((row) => ({ unitCode: String(row.unitCode), count: Number(row.count) })),
    };
    for (const row of received) {
      const count = Number(row.count);
      const month = String(row.month);
      requests.received += count;
      requests.byMonth[month] ??= { received: 0, answered: 0, onTime: 0, late: 0 };
      add(requests.byMonth[month], 'received', count);
      add(requests.byRequesterCategory, String(row.category), count);
      requests.byMonthAndRequesterCategory[month] ??= zeroCategories();
      add(requests.byMonthAndRequesterCategory[month], String(row.category), count);
      add(requests.byChannel, String(row.channel), count);
      add(requests.byKind, String(row.kind), count);
    }
    for (const row of answered) {
      const count = Number(row.count);
      const month = String(row.month);
      const late = (row.late as unknown) === true;
      requests.answered += count;
      if (late) requests.late += count;
      else requests.onTime += count;
      requests.byMonth[month] ??= { received: 0, answered: 0, onTime: 0, late: 0 };
      add(requests.byMonth[month], 'answered', count);
      add(requests.byMonth[month], late ? 'late' : 'onTime', count);
      add(requests.byAnswerType, String(row.answerType), count);
      add(requests.answeredByRequesterCategory, String(row.category), count);
    }

    const oficiosByMonth = oficios.map((row) => ({ month: String(row.month), procedure: String(row.procedure), turned: Number(row.turned), answered: Number(row.answered) }));

    const appealStats = {
      received: appeals.length,
      answered: appealsAnswered,
      byMonth: {} as Record<string, Counts>,
      byResolution: {} as Counts,
      /** People filing, by category (an appeal filed by two people counts twice), as the quarterly report counts them. */
      byRequesterCategory: zeroCategories(),
      byMonthAndRequesterCategory: {} as Record<string, Counts>,
      notificationsByMonth: notifications.map((row) => ({ month: String(row.month), count: Number(row.count) })),
    };
    for (const row of appeals) {
      const month = String(row.month);
      appealStats.byMonth[month] ??= { received: 0 };
      add(appealStats.byMonth[month], 'received', 1);
      if (row.resolution) add(appealStats.byResolution, String(row.resolution), 1);
      appealStats.byMonthAndRequesterCategory[month] ??= zeroCategories();
      for (const category of row.categories as unknown as string[]) {
        add(appealStats.byRequesterCategory, category, 1);
        add(appealStats.byMonthAndRequesterCategory[month], category, 1);
      }
    }

    const complaintStats = { received: 0, byMonth: {} as Counts, byRequesterCategory: zeroCategories(), byStatus: {} as Counts };
    for (const row of complaints) {
      const count = Number(row.count);
      complaintStats.received += count;
      add(complaintStats.byMonth, String(row.month), count);
      add(complaintStats.byRequesterCategory, String(row.category), count);
      add(complaintStats.byStatus, String(row.status), count);
    }

    const trainings = { sessions: 0, attendees: { hombre: 0, mujer: 0 }, byMonth: {} as Record<string, Counts> };
    const advisories = { given: 0, byTopic: {} as Record<string, Counts>, byMonth: {} as Counts };
    const monitorings = { byPlatform: {} as Counts, byMonth: {} as Record<string, Counts> };
    for (const row of activities) {
      const month = String(row.month);
      const records = Number(row.records);
      if (row.kind === 'training') {
        trainings.sessions += records;
        trainings.attendees.hombre += Number(row.men);
        trainings.attendees.mujer += Number(row.women);
        trainings.byMonth[month] ??= { sessions: 0, hombre: 0, mujer: 0 };
        add(trainings.byMonth[month], 'sessions', records);
        add(trainings.byMonth[month], 'hombre', Number(row.men));
        add(trainings.byMonth[month], 'mujer', Number(row.women));
      } else if (row.kind === 'advisory') {
        advisories.given += records;
        advisories.byTopic[String(row.topic)] ??= { hombre: 0, mujer: 0 };
        add(advisories.byTopic[String(row.topic)], String(row.sex), records);
        add(advisories.byMonth, month, records);
      } else {
        add(monitorings.byPlatform, String(row.platform), Number(row.reviews));
        monitorings.byMonth[month] ??= {};
        add(monitorings.byMonth[month], String(row.platform), Number(row.reviews));
      }
    }

    return {
      period: { from: period.from, to: period.to },
      requests: {
        ...requests,
        byMonth: byMonthRows(requests.byMonth),
        byMonthAndRequesterCategory: byMonthRows(requests.byMonthAndRequesterCategory),
      },
      oficios: {
        turned: oficiosByMonth.reduce((sum, row) => sum + row.turned, 0),
        answered: oficiosByMonth.reduce((sum, row) => sum + row.answered, 0),
        byMonth: oficiosByMonth,
      },
      appeals: {
        ...appealStats,
        byMonth: byMonthRows(appealStats.byMonth),
        byMonthAndRequesterCategory: byMonthRows(appealStats.byMonthAndRequesterCategory),
      },
      complaints: complaintStats,
      trainings: { ...trainings, byMonth: byMonthRows(trainings.byMonth) },
      advisories,
      monitorings: { ...monitorings, byMonth: byMonthRows(monitorings.byMonth) },
    };
  }

  /** Transparency staff, planning and auditors read statistics. */
  private async requireReader(user: TequioClaims): Promise<void> {
    if (user.roles.some((role) => role === 'planning' || role === 'auditor' || role === 'admin')) return;
    const settings = await this.settingsService.forTenant(user.tenant);
    if (!isTransparencyStaff(user, settings)) throw new ForbiddenException('Solo la Unidad de Transparencia, planeación y auditoría leen las estadísticas');
  }
}

function period(tenant: string, from: string, to: string): Period {
  if (from > to) throw new BadRequestException(`to: el periodo termina (${to}) antes de empezar (${from})`);
  return { tenant, from, to, today: calendarDay(new Date()) };
}

/** Every breakdown against its total; the ones that do not add up are listed, never hidden. */
export function consistencyOf(statistics: Statistics) {
  const { requests, appeals, complaints } = statistics;
  const monthCount = (rows: MonthRow[], field: string) => rows.map((row) => ({ count: Number(row[field] ?? 0) }));
  const checks: ConsistencyCheck[] = [
    check('requests.received.byMonth', 'Solicitudes recibidas: suma por mes', requests.received, monthCount(requests.byMonth, 'received')),
    check('requests.received.byRequesterCategory', 'Solicitudes recibidas: suma por categoría de quien solicita', requests.received, requests.byRequesterCategory),
    check('requests.received.byChannel', 'Solicitudes recibidas: suma por medio de recepción', requests.received, requests.byChannel),
    check('requests.received.byKind', 'Solicitudes recibidas: suma por tipo', requests.received, requests.byKind),
    check('requests.answered.byAnswerType', 'Solicitudes respondidas: suma por tipo de respuesta', requests.answered, requests.byAnswerType),
    check('requests.answered.onTimeAndLate', 'Solicitudes respondidas: en plazo más extemporáneas', requests.answered, [requests.onTime, requests.late]),
    ...requests.byMonthAndRequesterCategory.map(({ month, ...categories }) =>
      check(
        `requests.received.${month}.byRequesterCategory`,
        `Solicitudes recibidas en ${month}: suma por categoría`,
        Number(requests.byMonth.find((row) => row.month === month)?.received ?? 0),
        categories as Counts,
      ),
    ),
    check('appeals.received.byMonth', 'Recursos de revisión: suma por mes', appeals.received, monthCount(appeals.byMonth, 'received')),
    check('appeals.received.byRequesterCategory', 'Recursos de revisión: suma por categoría de quien recurre', appeals.received, appeals.byRequesterCategory),
    ...appeals.byMonthAndRequesterCategory.map(({ month, ...categories }) =>
      check(
        `appeals.received.${month}.byRequesterCategory`,
        `Recursos de revisión de ${month}: suma por categoría`,
        Number(appeals.byMonth.find((row) => row.month === month)?.received ?? 0),
        categories as Counts,
      ),
    ),
    check('complaints.received.byRequesterCategory', 'Denuncias: suma por categoría', complaints.received, complaints.byRequesterCategory),
  ];
  return report(checks);
}
