import { Injectable } from '@nestjs/common';
import { RequestStatus } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager, In } from 'typeorm';
import { OficioTurn } from '../common/oficio-turn.entity';
import { RequestStatusChange, TransparencyRequest } from './request.entity';
import { RequestState } from './request-snapshot';
import { OPEN_STATUSES } from './request-status';

export type OpenTimeline = Pick<
  TransparencyRequest,
  'id' | 'kind' | 'receivedAt' | 'receiptDate' | 'firstTermDue' | 'answerDue' | 'extensionRequestedOn' | 'extensionDays' | 'clarificationRequestedOn' | 'clarificationRepliedOn'
>;

export interface RequestFilter {
  tenant: string;
  status?: RequestStatus;
  kind?: string;
  overdue?: boolean;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface DueDateMove {
  id: string;
  receiptDate: string;
  firstTermDue: string | null;
  answerDue: string | null;
}

/** The columns of a request's non-personal state (what its events and the audit carry), dates as `YYYY-MM-DD`. */
const SNAPSHOT_COLUMNS = `r.id, r.tenant, r.folio, r.kind, r.arco_right AS "arcoRight", r.unit_code AS "unitCode", r.channel,
  r.requester_category AS "requesterCategory", r.received_at AS "receivedAt", r.receipt_date::text AS "receiptDate", r.status,
  r.first_term_due::text AS "firstTermDue", r.answer_due::text AS "answerDue", r.extension_requested_on::text AS "extensionRequestedOn",
  r.extension_days AS "extensionDays", r.clarification_requested_on::text AS "clarificationRequestedOn",
  r.clarification_replied_on::text AS "clarificationRepliedOn", r.identity_verified_on::text AS "identityVerifiedOn", r.answer_type AS "answerType",
  r.answered_on::text AS "answeredOn", r.overdue, r.late, r.due_soon_notified_for::text AS "dueSoonNotifiedFor", r.version`;

@Injectable()
export class RequestsRepository extends DatabaseRepository {
  findById(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<TransparencyRequest | null> {
    return manager.getRepository(TransparencyRequest).findOneBy({ tenant, id });
  }

  /** Locks the request so concurrent changes apply one after the other. */
  lock(manager: EntityManager, tenant: string, id: string): Promise<TransparencyRequest | null> {
    return manager
      .getRepository(TransparencyRequest)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.tenant = :tenant AND r.id = :id', { tenant, id })
      .getOne();
  }

  findByFolio(manager: EntityManager, tenant: string, folio: string): Promise<TransparencyRequest | null> {
    return manager.getRepository(TransparencyRequest).findOneBy({ tenant, folio });
  }

  save(manager: EntityManager, request: TransparencyRequest): Promise<TransparencyRequest> {
    return manager.getRepository(TransparencyRequest).save(request);
  }

  /** Saves the deadline fields of many requests in one statement (recomputations and the deadline job). */
  async saveDeadlineFields(manager: EntityManager, requests: RequestState[]): Promise<void> {
    if (requests.length === 0) return;
    await manager.query(
      `UPDATE transparency_request r SET receipt_date = v.receipt_date, first_term_due = v.first_term_due, answer_due = v.answer_due,
         status = v.status, overdue = v.overdue, due_soon_notified_for = v.due_soon_notified_for, version = v.version, updated_at = now()
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[], $5::text[], $6::boolean[], $7::date[], $8::int[])
         AS v(id, receipt_date, first_term_due, answer_due, status, overdue, due_soon_notified_for, version)
       WHERE r.id = v.id`,
      [
        requests.map((r) => r.id),
        requests.map((r) => r.receiptDate),
        requests.map((r) => r.firstTermDue),
        requests.map((r) => r.answerDue),
        requests.map((r) => r.status),
        requests.map((r) => r.overdue),
        requests.map((r) => r.dueSoonNotifiedFor),
        requests.map((r) => r.version),
      ],
    );
  }

  /**
   * Moves the due dates of many requests in one statement and bumps their versions; answers each moved request's
   * non-personal state as its events carry it (one round trip instead of a second read of whole rows).
   */
  async moveDueDates(manager: EntityManager, moves: DueDateMove[]): Promise<RequestState[]> {
    if (moves.length === 0) return [];
    // An UPDATE answers [returned rows, affected count].
    const [rows]: [RequestState[], number] = await manager.query(
      `UPDATE transparency_request r SET receipt_date = v.receipt_date, first_term_due = v.first_term_due, answer_due = v.answer_due,
         version = r.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[]) AS v(id, receipt_date, first_term_due, answer_due)
       WHERE r.id = v.id
       RETURNING ${SNAPSHOT_COLUMNS}`,
      [moves.map((m) => m.id), moves.map((m) => m.receiptDate), moves.map((m) => m.firstTermDue), moves.map((m) => m.answerDue)],
    );
    return rows;
  }

  async recordStatuses(manager: EntityManager, changes: Omit<RequestStatusChange, 'id' | 'at'>[]): Promise<void> {
    if (changes.length > 0) await manager.getRepository(RequestStatusChange).insert(changes);
  }

  async recordStatus(manager: EntityManager, change: Omit<RequestStatusChange, 'id' | 'at'>): Promise<void> {
    await manager.getRepository(RequestStatusChange).insert(change);
  }

  history(requestId: string): Promise<RequestStatusChange[]> {
    return this.dataSource.getRepository(RequestStatusChange).find({ where: { requestId }, order: { id: 'ASC' } });
  }

  async list(filter: RequestFilter): Promise<{ items: TransparencyRequest[]; total: number }> {
    const builder = this.dataSource
      .getRepository(TransparencyRequest)
      .createQueryBuilder('r')
      .where('r.tenant = :tenant', { tenant: filter.tenant })
      .orderBy('r.received_at', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.status) builder.andWhere('r.status = :status', { status: filter.status });
    if (filter.kind) builder.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.overdue !== undefined) builder.andWhere('r.overdue = :overdue', { overdue: filter.overdue });
    if (filter.from) builder.andWhere('r.receipt_date >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('r.receipt_date <= :to', { to: filter.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /**
   * The deadline fields of a tenant's open requests received from a day on, locked: what a recomputation reads
   * (the moved ones' whole state comes back from their update).
   */
  openTimelines(manager: EntityManager, tenant: string, receivedFrom: string, afterId: string | null, batch: number): Promise<OpenTimeline[]> {
    return manager.query(
      `SELECT id, kind, received_at AS "receivedAt", receipt_date::text AS "receiptDate", first_term_due::text AS "firstTermDue",
              answer_due::text AS "answerDue", extension_requested_on::text AS "extensionRequestedOn", extension_days AS "extensionDays",
              clarification_requested_on::text AS "clarificationRequestedOn", clarification_replied_on::text AS "clarificationRepliedOn"
       FROM transparency_request
       WHERE tenant = $1 AND status = ANY($5) AND receipt_date >= $2 AND ($3::uuid IS NULL OR id > $3)
       ORDER BY id LIMIT $4 FOR UPDATE`,
      [tenant, receivedFrom, afterId, batch, OPEN_STATUSES],
    );
  }

  /**
   * Open requests the deadline job may have to act on, any tenant: due within the horizon and not yet marked
   * overdue, or awaiting a clarification. Rows another replica holds are skipped, not waited for.
   */
  deadlineCandidates(manager: EntityManager, horizon: string, afterId: string | null, batch: number): Promise<RequestState[]> {
    return manager.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM transparency_request r
       WHERE ((r.status IN ('recibida', 'turnada') AND NOT r.overdue AND r.answer_due <= $1) OR r.status = 'en_prevencion')
         AND ($2::uuid IS NULL OR r.id > $2)
       ORDER BY r.id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [horizon, afterId, batch],
    );
  }

  /** One job run at a time across replicas: false when another holds the lock (released with the transaction). */
  async tryJobLock(manager: EntityManager, name: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [name]);
    return row.locked === true;
  }

  turnsOf(parentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<OficioTurn[]> {
    if (parentIds.length === 0) return Promise.resolve([]);
    // One array parameter rather than one placeholder per id: recomputations ask for thousands at a time.
    return manager
      .getRepository(OficioTurn)
      .createQueryBuilder('t')
      .where('t.parent_id = ANY(:parentIds)', { parentIds })
      .orderBy('t.turned_on', 'ASC')
      .addOrderBy('t.oficio_number', 'ASC')
      .getMany();
  }

  findTurn(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<OficioTurn | null> {
    return manager.getRepository(OficioTurn).findOneBy({ tenant, id });
  }

  lockTurn(manager: EntityManager, tenant: string, id: string): Promise<OficioTurn | null> {
    return manager.getRepository(OficioTurn).createQueryBuilder('t').setLock('pessimistic_write').where('t.tenant = :tenant AND t.id = :id', { tenant, id }).getOne();
  }

  saveTurn(manager: EntityManager, turn: OficioTurn): Promise<OficioTurn> {
    return manager.getRepository(OficioTurn).save(turn);
  }

  async listTurns(filter: { tenant: string; unitCodes?: string[]; answered?: boolean; limit: number; offset: number }) {
    const builder = this.dataSource
      .getRepository(OficioTurn)
      .createQueryBuilder('t')
      .where('t.tenant = :tenant', { tenant: filter.tenant })
      .orderBy('t.turned_on', 'DESC')
      .addOrderBy('t.oficio_number', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.unitCodes) builder.andWhere('t.unit_code IN (:...units)', { units: filter.unitCodes.length > 0 ? filter.unitCodes : [''] });
    if (filter.answered !== undefined) builder.andWhere(filter.answered ? 't.answered_on IS NOT NULL' : 't.answered_on IS NULL');
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  requestsById(tenant: string, ids: string[]): Promise<TransparencyRequest[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(TransparencyRequest).findBy({ tenant, id: In(ids) });
  }
}
