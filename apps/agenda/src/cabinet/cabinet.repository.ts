import { Injectable } from '@nestjs/common';
import { AgreementStatus, CabinetMeetingStatus } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager, In } from 'typeorm';
import { CabinetAgreement, CabinetAttendance, CabinetMeeting } from './cabinet.entity';

export const OPEN_AGREEMENT_STATUSES: AgreementStatus[] = ['pendiente', 'en_proceso'];

@Injectable()
export class CabinetRepository extends DatabaseRepository {
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  findMeeting(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<CabinetMeeting | null> {
    return manager.getRepository(CabinetMeeting).findOneBy({ tenant, id });
  }

  lockMeeting(manager: EntityManager, tenant: string, id: string): Promise<CabinetMeeting | null> {
    return manager.getRepository(CabinetMeeting).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  saveMeeting(manager: EntityManager, meeting: CabinetMeeting): Promise<CabinetMeeting> {
    return manager.getRepository(CabinetMeeting).save(meeting);
  }

  /** Minute numbers of a year are handed out one at a time. */
  async lockMinuteNumbering(manager: EntityManager, tenant: string, year: number): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`agenda-minutes-${tenant}-${year}`]);
  }

  async lastMinuteNumber(manager: EntityManager, tenant: string, year: number): Promise<number> {
    const [{ last }] = await manager.query(`SELECT coalesce(max(minute_number), 0)::int AS last FROM cabinet_meeting WHERE tenant = $1 AND year = $2`, [tenant, year]);
    return last;
  }

  async listMeetings(query: { tenant: string; year?: number; status?: CabinetMeetingStatus; limit: number; offset: number }) {
    const [items, total] = await this.dataSource.getRepository(CabinetMeeting).findAndCount({
      where: { tenant: query.tenant, ...(query.year ? { year: query.year } : {}), ...(query.status ? { status: query.status } : {}) },
      order: { date: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  attendanceOf(manager: EntityManager, meetingIds: string[]): Promise<CabinetAttendance[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(CabinetAttendance).find({ where: { meetingId: In(meetingIds) }, order: { unitCode: 'ASC' } });
  }

  async replaceAttendance(manager: EntityManager, meetingId: string, attendees: { unitCode: string; role: string }[]): Promise<void> {
    await manager.getRepository(CabinetAttendance).delete({ meetingId });
    if (attendees.length > 0) await manager.getRepository(CabinetAttendance).insert(attendees.map((attendee) => ({ meetingId, ...attendee })));
  }

  agreementsOf(manager: EntityManager, meetingIds: string[]): Promise<CabinetAgreement[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(CabinetAgreement).find({ where: { meetingId: In(meetingIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  lockAgreement(manager: EntityManager, tenant: string, id: string): Promise<CabinetAgreement | null> {
    return manager.getRepository(CabinetAgreement).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  saveAgreement(manager: EntityManager, agreement: CabinetAgreement): Promise<CabinetAgreement> {
    return manager.getRepository(CabinetAgreement).save(agreement);
  }

  async listAgreements(query: { tenant: string; status?: AgreementStatus; unitCode?: string; overdueOn?: string; limit: number; offset: number }) {
    const builder = this.dataSource
      .getRepository(CabinetAgreement)
      .createQueryBuilder('agreement')
      .where('agreement.tenant = :tenant', { tenant: query.tenant })
      .orderBy('agreement.due_date', 'ASC')
      .addOrderBy('agreement.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.status) builder.andWhere('agreement.status = :status', { status: query.status });
    if (query.unitCode) builder.andWhere('agreement.responsible_unit_code = :unitCode', { unitCode: query.unitCode });
    if (query.overdueOn) builder.andWhere('agreement.status IN (:...open) AND agreement.due_date < :today', { open: OPEN_AGREEMENT_STATUSES, today: query.overdueOn });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /** Open agreements past due that nobody was told about yet, oldest first. */
  overdueToNotify(manager: EntityManager, today: string, limit = 500): Promise<CabinetAgreement[]> {
    return manager
      .getRepository(CabinetAgreement)
      .createQueryBuilder('agreement')
      .where('agreement.status IN (:...open) AND agreement.due_date < :today AND agreement.overdue_notified_at IS NULL', { open: OPEN_AGREEMENT_STATUSES, today })
      .orderBy('agreement.due_date', 'ASC')
      .take(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }
}
