import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { CalendarChanged } from '@tequio/contracts';
import { VersionedWriter } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { addBusinessDays, addCalendarDays, isWeekend, weekdayOf, WeekdayLabel, yearOf, YearSummary, yearSummary } from '@tequio/calendar';
import { AddHolidayDto, BusinessDaysQueryDto, ReplaceCalendarDto } from './calendar.dto';
import { CalendarYear, DEFAULT_CUTOFF, DEFAULT_TIME_ZONE } from './calendar.entity';
import { CalendarsRepository, HolidayRow } from './calendars.repository';

export interface CalendarView {
  year: number;
  /** True when nothing is stored for the year: only weekends are non-working and the cut-off is the default. */
  isDefault: boolean;
  note: string | null;
  cutoff: string;
  timeZone: string;
  holidays: Array<HolidayRow & { weekday: WeekdayLabel }>;
  counts: YearSummary;
  version: number;
  updatedAt: Date | null;
}

export interface BusinessDaysView {
  from: string;
  days: number;
  date: string;
  weekday: WeekdayLabel;
  /** The non-working days between `from` and the answer, and why. */
  skipped: { date: string; reason: string }[];
  warnings: string[];
}

const DEFAULT_NOTE = 'Sin calendario registrado para el año: solo sábados y domingos son inhábiles y la hora de corte es 15:00.';

/**
 * Calendars of non-working days per municipality and year. Every change publishes the year's full set
 * (holidays and cut-off) so transparency can recompute open deadlines, and is audited, in one transaction.
 */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly calendars: CalendarsRepository,
    private readonly writer: VersionedWriter,
  ) {}

  async get(user: TequioClaims, year: number): Promise<CalendarView> {
    const row = await this.calendars.findYear(user.tenant, year);
    return view(year, row, row ? await this.calendars.holidays(user.tenant, year) : []);
  }

  async replace(user: TequioClaims, year: number, dto: ReplaceCalendarDto): Promise<CalendarView> {
    dto.holidays.forEach((holiday, index) => requireInYear(`holidays.${index}.date`, holiday.date, year));
    const firstIndex = new Map<string, number>();
    dto.holidays.forEach((holiday, index) => {
      const earlier = firstIndex.get(holiday.date);
      if (earlier !== undefined) {
        throw new BadRequestException(`holidays.${index}.date: la fecha ${holiday.date} está repetida (ya aparece en holidays.${earlier})`);
      }
      firstIndex.set(holiday.date, index);
    });
    const holidays = [...dto.holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
    return this.change(user, year, async (manager, row) => {
      await this.calendars.replaceHolidays(manager, user.tenant, year, holidays);
      if (dto.cutoff !== undefined) row.cutoff = dto.cutoff;
      return 'replaced';
    });
  }

  async addHoliday(user: TequioClaims, year: number, dto: AddHolidayDto): Promise<CalendarView> {
    requireInYear('date', dto.date, year);
    return this.change(user, year, async (manager) => {
      const existing = await this.calendars.findHoliday(manager, user.tenant, dto.date);
      if (existing) throw new ConflictException(`date: ya hay un día inhábil el ${dto.date} (${existing.name})`);
      await this.calendars.insertHoliday(manager, user.tenant, year, dto);
      return 'holiday_added';
    });
  }

  async removeHoliday(user: TequioClaims, year: number, date: string): Promise<CalendarView> {
    requireInYear('date', date, year);
    return this.change(user, year, async (manager) => {
      if (!(await this.calendars.findHoliday(manager, user.tenant, date))) {
        throw new NotFoundException(`date: no hay día inhábil registrado el ${date}`);
      }
      await this.calendars.deleteHoliday(manager, user.tenant, date);
      return 'holiday_removed';
    });
  }

  async businessDays(user: TequioClaims, year: number, query: BusinessDaysQueryDto): Promise<BusinessDaysView> {
    requireInYear('from', query.from, year);
    const holidays = new Map((await this.calendars.holidaysAfter(user.tenant, query.from)).map((h) => [h.date, h.name]));
    const date = addBusinessDays(query.from, query.days, new Set(holidays.keys()));
    const skipped: { date: string; reason: string }[] = [];
    for (let day = addCalendarDays(query.from, 1); day < date; day = addCalendarDays(day, 1)) {
      const holiday = holidays.get(day);
      if (holiday !== undefined) skipped.push({ date: day, reason: holiday });
      else if (isWeekend(day)) skipped.push({ date: day, reason: weekdayOf(day) });
    }
    const years = Array.from({ length: yearOf(date) - year + 1 }, (_, i) => year + i);
    const stored = await this.calendars.yearsWithCalendar(user.tenant, years);
    const warnings = years
      .filter((y) => !stored.has(y))
      .map((y) => `El año ${y} no tiene calendario registrado: de ese año solo se omitieron sábados y domingos`);
    return { from: query.from, days: query.days, date, weekday: weekdayOf(date), skipped, warnings };
  }

  /**
   * Locks (or creates) the year and applies the change; the writer bumps the version, publishes the full set and
   * audits it. `apply` returns the audit action.
   */
  private async change(
    user: TequioClaims,
    year: number,
    apply: (manager: EntityManager, row: CalendarYear) => Promise<string>,
  ): Promise<CalendarView> {
    const calendarId = `${user.tenant}:${year}`;
    let created = false;
    let holidays: HolidayRow[] = [];
    const saved = await this.writer.update({
      tenant: user.tenant,
      actor: user.sub,
      entityType: 'calendar',
      action: 'updated',
      event: CalendarChanged,
      entity: CalendarYear,
      lock: async (manager) => {
        const locked = await this.calendars.lockYear(manager, user.tenant, year);
        created = locked.created;
        return locked.row;
      },
      // Never thrown: the lock creates the missing year.
      notFound: () => new NotFoundException(`year: no existe el calendario ${year}`),
      change: async (row, manager) => ({
        action: await apply(manager, row),
        afterSave: async () => {
          holidays = await this.calendars.holidays(user.tenant, year, manager);
        },
      }),
      subject: () => calendarId,
      entityId: () => String(year),
      snapshot: (row) => ({ calendarId, year, cutoff: row.cutoff, timeZone: row.timeZone, holidays, version: row.version }),
      audited: {
        before: async (row, manager) => (created ? null : auditSnapshot(row, await this.calendars.holidays(user.tenant, year, manager))),
        after: (row) => auditSnapshot(row, holidays),
      },
    });
    return view(year, saved, holidays);
  }
}

function requireInYear(field: string, date: string, year: number): void {
  if (yearOf(date) !== year) throw new BadRequestException(`${field}: la fecha ${date} no pertenece al año ${year}`);
}

/** One field per holiday, so the audit trail shows which dates were added, renamed or removed. */
function auditSnapshot(row: CalendarYear, holidays: HolidayRow[]): Record<string, string> {
  return { cutoff: row.cutoff, timeZone: row.timeZone, ...Object.fromEntries(holidays.map((h) => [h.date, h.name])) };
}

function view(year: number, row: CalendarYear | null, holidays: HolidayRow[]): CalendarView {
  return {
    year,
    isDefault: row === null,
    note: row === null ? DEFAULT_NOTE : null,
    cutoff: row?.cutoff ?? DEFAULT_CUTOFF,
    timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE,
    holidays: holidays.map((h) => ({ date: h.date, name: h.name, weekday: weekdayOf(h.date) })),
    counts: yearSummary(year, holidays.map((h) => h.date)),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}
