import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { CalendarHoliday, CalendarYear } from './calendar.entity';

export interface HolidayRow {
  date: string;
  name: string;
}

@Injectable()
export class CalendarsRepository extends DatabaseRepository {
  findYear(tenant: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<CalendarYear | null> {
    return manager.getRepository(CalendarYear).findOneBy({ tenant, year });
  }

  /**
   * The year's row, created with the defaults (version 0, bumped by the change that follows) when missing, and
   * locked so concurrent changes of one calendar apply one after the other.
   */
  async lockYear(manager: EntityManager, tenant: string, year: number): Promise<{ row: CalendarYear; created: boolean }> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO calendar_year (tenant, year, version) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING year`,
      [tenant, year],
    );
    const row = await manager
      .getRepository(CalendarYear)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.tenant = :tenant AND c.year = :year', { tenant, year })
      .getOneOrFail();
    return { row, created: inserted.length > 0 };
  }

  async holidays(tenant: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<HolidayRow[]> {
    const rows = await manager.getRepository(CalendarHoliday).find({ where: { tenant, year }, order: { date: 'ASC' } });
    return rows.map(({ date, name }) => ({ date, name }));
  }

  /** Every holiday of the tenant after a date, whatever its year (a term may cross into the next year). */
  async holidaysAfter(tenant: string, from: string): Promise<HolidayRow[]> {
    const rows = await this.dataSource.getRepository(CalendarHoliday).find({ where: { tenant, date: MoreThan(from) }, order: { date: 'ASC' } });
    return rows.map(({ date, name }) => ({ date, name }));
  }

  async yearsWithCalendar(tenant: string, years: number[]): Promise<Set<number>> {
    const rows = await this.dataSource.getRepository(CalendarYear).find({ select: { year: true }, where: { tenant, year: In(years) } });
    return new Set(rows.map((row) => row.year));
  }

  async replaceHolidays(manager: EntityManager, tenant: string, year: number, holidays: HolidayRow[]): Promise<void> {
    await manager.getRepository(CalendarHoliday).delete({ tenant, year });
    if (holidays.length > 0) {
      await manager.getRepository(CalendarHoliday).insert(holidays.map((holiday) => ({ tenant, year, date: holiday.date, name: holiday.name })));
    }
  }

  findHoliday(manager: EntityManager, tenant: string, date: string): Promise<CalendarHoliday | null> {
    return manager.getRepository(CalendarHoliday).findOneBy({ tenant, date });
  }

  async insertHoliday(manager: EntityManager, tenant: string, year: number, holiday: HolidayRow): Promise<void> {
    await manager.getRepository(CalendarHoliday).insert({ tenant, year, date: holiday.date, name: holiday.name });
  }

  async deleteHoliday(manager: EntityManager, tenant: string, date: string): Promise<void> {
    await manager.getRepository(CalendarHoliday).delete({ tenant, date });
  }
}
