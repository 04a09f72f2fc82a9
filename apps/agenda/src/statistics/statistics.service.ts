import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { ACTIVITY_STATUSES, ActivityStatus, ALLIANCE_KINDS } from '@tequio/contracts';
import { todayInMexico } from '@tequio/platform';
import { effectiveCategories } from '../activities/activity-categories';
import { addDays, municipalInstant } from '../common/municipal-time';
import { AgendaSettingsService } from '../settings/agenda-settings.service';
import { WeeklyService } from '../weekly/weekly.service';
import { StatisticsQueryDto } from './statistics.dto';
import { StatisticsRepository } from './statistics.repository';

const zeroByStatus = () => Object.fromEntries(ACTIVITY_STATUSES.map((status) => [status, 0])) as Record<ActivityStatus, number>;

/** The figures of the quarterly reports, computed from the records of any period. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly weekly: WeeklyService,
    private readonly settings: AgendaSettingsService,
  ) {}

  async forPeriod(user: TequioClaims, query: StatisticsQueryDto) {
    if (!user.roles.some((role) => role === 'admin' || role === 'planning' || role === 'auditor')) await this.settings.requireManager(user);
    const { from, to } = query;
    const tenant = user.tenant;
    const today = todayInMexico();
    const [activityRows, categoryRows, meetingRows, attendance, agreements, allianceRows, weekly] = await Promise.all([
      this.statistics.activityCounts(tenant, municipalInstant(from, '00:00'), municipalInstant(addDays(to, 1), '00:00')),
      this.statistics.categoryRows(tenant),
      this.statistics.meetingCounts(tenant, from, to),
      this.statistics.attendanceByUnit(tenant, from, to),
      this.statistics.agreementCounts(tenant, from, to, today),
      this.statistics.allianceCounts(tenant, from, to),
      this.weekly.complianceOf(tenant, from, to),
    ]);

    const byStatus = zeroByStatus();
    type CategoryCount = { category: string; label: string; reportCategory: string; total: number; byStatus: Record<ActivityStatus, number> };
    const byCategory = new Map<string, CategoryCount>(
      effectiveCategories(categoryRows).map((category) => [category.code, { category: category.code, label: category.label, reportCategory: category.reportCategory, total: 0, byStatus: zeroByStatus() }]),
    );
    for (const row of activityRows) {
      const entry = byCategory.get(row.category) ?? { category: row.category, label: row.category, reportCategory: row.category, total: 0, byStatus: zeroByStatus() };
      entry.total += row.n;
      entry.byStatus[row.status as ActivityStatus] += row.n;
      byStatus[row.status as ActivityStatus] += row.n;
      byCategory.set(row.category, entry);
    }
    const meetings = Object.fromEntries(meetingRows.map((row) => [row.status, row.n]));
    const held = meetings['celebrada'] ?? 0;
    const alliances = Object.fromEntries(ALLIANCE_KINDS.map((kind) => [kind, allianceRows.find((row) => row.kind === kind)?.n ?? 0]));

    return {
      from,
      to,
      activities: {
        total: activityRows.reduce((sum, row) => sum + row.n, 0),
        held: byStatus.realizada,
        byStatus,
        byCategory: [...byCategory.values()],
      },
      cabinetMeetings: {
        programmed: held + (meetings['programada'] ?? 0),
        held,
        cancelled: meetings['cancelada'] ?? 0,
        participatingUnits: attendance.length,
        attendanceByUnit: attendance,
        agreements,
      },
      weeklyAgendas: {
        weeks: weekly.totals.weeks,
        expected: weekly.totals.expected,
        received: weekly.totals.received,
        onTime: weekly.totals.onTime,
        late: weekly.totals.late,
        missing: weekly.totals.missing,
        averageReceivedPerWeek: weekly.totals.weeks ? Math.round((weekly.totals.received / weekly.totals.weeks) * 10) / 10 : null,
        byMonth: weekly.months,
        missingByWeek: weekly.weeks.filter((week) => week.missing > 0).map((week) => ({ week: week.week, missingUnitCodes: week.missingUnitCodes })),
      },
      alliances,
    };
  }
}
