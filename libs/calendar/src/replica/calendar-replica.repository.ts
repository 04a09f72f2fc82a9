import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarChangedData } from '@tequio/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { MunicipalCalendar } from '../municipal-calendar';
import { CalendarReplica } from './calendar-replica.entity';

@Injectable()
export class CalendarReplicaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the year's snapshot unless a newer version is already there; true when it changed the replica. */
  async upsert(manager: EntityManager, tenant: string, calendar: CalendarChangedData): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO calendar_replica (tenant, year, cutoff, time_zone, holidays, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (tenant, year) DO UPDATE SET cutoff = EXCLUDED.cutoff, time_zone = EXCLUDED.time_zone,
         holidays = EXCLUDED.holidays, version = EXCLUDED.version, updated_at = now()
       WHERE calendar_replica.version < EXCLUDED.version
       RETURNING year`,
      [tenant, calendar.year, calendar.cutoff, calendar.timeZone, JSON.stringify(calendar.holidays), calendar.version],
    );
    return rows.length > 0;
  }

  /** The tenant's calendar over the given years (years without a registered calendar count weekends only). */
  async calendarOf(tenant: string, fromYear: number, toYear: number, manager?: EntityManager): Promise<MunicipalCalendar> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(CalendarReplica)
      .createQueryBuilder('calendar')
      .where('calendar.tenant = :tenant AND calendar.year BETWEEN :fromYear AND :toYear', { tenant, fromYear, toYear })
      .getMany();
    return new MunicipalCalendar(rows);
  }
}
