import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { WeeklyRosterRow, WeeklySubmission } from './weekly.entity';

@Injectable()
export class WeeklyRepository extends DatabaseRepository {
  find(tenant: string, id: string): Promise<WeeklySubmission | null> {
    return this.dataSource.getRepository(WeeklySubmission).findOneBy({ tenant, id });
  }

  lock(manager: EntityManager, tenant: string, id: string): Promise<WeeklySubmission | null> {
    return manager.getRepository(WeeklySubmission).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  findForWeek(manager: EntityManager, tenant: string, unitCode: string, isoYear: number, isoWeek: number): Promise<WeeklySubmission | null> {
    return manager.getRepository(WeeklySubmission).findOneBy({ tenant, unitCode, isoYear, isoWeek });
  }

  save(manager: EntityManager, submission: WeeklySubmission): Promise<WeeklySubmission> {
    return manager.getRepository(WeeklySubmission).save(submission);
  }

  async list(query: { tenant: string; isoYear?: number; isoWeek?: number; unitCode?: string; limit: number; offset: number }) {
    const where = { tenant: query.tenant, ...(query.isoYear ? { isoYear: query.isoYear, isoWeek: query.isoWeek } : {}), ...(query.unitCode ? { unitCode: query.unitCode } : {}) };
    const [items, total] = await this.dataSource.getRepository(WeeklySubmission).findAndCount({
      where,
      order: { isoYear: 'DESC', isoWeek: 'DESC', submittedAt: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  /** Submissions of the weeks whose Thursday falls within [from, to]. */
  between(tenant: string, from: string, to: string): Promise<WeeklySubmission[]> {
    return this.dataSource
      .getRepository(WeeklySubmission)
      .createQueryBuilder('submission')
      .where('submission.tenant = :tenant AND submission.week_thursday BETWEEN :from AND :to', { tenant, from, to })
      .getMany();
  }

  rostersBetween(tenant: string, from: string, to: string): Promise<WeeklyRosterRow[]> {
    return this.dataSource
      .getRepository(WeeklyRosterRow)
      .createQueryBuilder('roster')
      .where('roster.tenant = :tenant AND roster.week_thursday BETWEEN :from AND :to', { tenant, from, to })
      .getMany();
  }

  lockRoster(manager: EntityManager, tenant: string, isoYear: number, isoWeek: number): Promise<WeeklyRosterRow | null> {
    return manager.getRepository(WeeklyRosterRow).findOne({ where: { tenant, isoYear, isoWeek }, lock: { mode: 'pessimistic_write' } });
  }

  async rosterWeeks(manager: EntityManager, tenant: string): Promise<Set<string>> {
    const rows: { week: string }[] = await manager.query(`SELECT iso_year || '-' || iso_week AS week FROM weekly_roster WHERE tenant = $1`, [tenant]);
    return new Set(rows.map((row) => row.week));
  }

  async unitsThatSubmitted(manager: EntityManager, tenant: string, isoYear: number, isoWeek: number): Promise<string[]> {
    const rows: { unit_code: string }[] = await manager.query(`SELECT unit_code FROM weekly_submission WHERE tenant = $1 AND iso_year = $2 AND iso_week = $3`, [tenant, isoYear, isoWeek]);
    return rows.map((row) => row.unit_code);
  }

  saveRoster(manager: EntityManager, roster: WeeklyRosterRow): Promise<WeeklyRosterRow> {
    return manager.getRepository(WeeklyRosterRow).save(roster);
  }

  /** Serializes roster closing per municipality (the periodic sweep and a manual one may race). */
  async lockTenantRosters(manager: EntityManager, tenant: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`agenda-rosters-${tenant}`]);
  }
}
