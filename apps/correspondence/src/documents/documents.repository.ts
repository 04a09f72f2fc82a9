import { Injectable } from '@nestjs/common';
import { DocumentStatus } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager, In } from 'typeorm';
import { CorrespondenceDocument, DocumentStatusChange, DocumentTurn } from './document.entity';

export interface DocumentListFilter {
  tenant: string;
  status?: DocumentStatus;
  type?: string;
  channel?: string;
  unitCode?: string;
  folio?: string;
  externalReference?: string;
  from?: string;
  to?: string;
  /** Only documents registered by one of these desks or turned to one of these units; undefined: all of the tenant. */
  visibleToUnits?: string[];
  timeZone: string;
  limit: number;
  offset: number;
}

/** Lists say "1,000 or more" instead of counting a million rows on every page. */
export const COUNT_CAP = 1_000;

@Injectable()
export class DocumentsRepository extends DatabaseRepository {
  async insertDocument(manager: EntityManager, document: CorrespondenceDocument): Promise<void> {
    await manager.getRepository(CorrespondenceDocument).insert(document);
  }

  async updateDocument(manager: EntityManager, document: CorrespondenceDocument): Promise<void> {
    const { id, tenant, createdAt: _created, trackingCodeHash: _hash, ...changes } = document;
    await manager.getRepository(CorrespondenceDocument).update({ id, tenant }, { ...changes, updatedAt: new Date() });
  }

  /** The document, locked until the transaction ends, so changes to one document apply one after the other. */
  lock(manager: EntityManager, tenant: string, id: string): Promise<CorrespondenceDocument | null> {
    return manager
      .getRepository(CorrespondenceDocument)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.tenant = :tenant AND d.id = :id', { tenant, id })
      .getOne();
  }

  find(tenant: string, id: string): Promise<CorrespondenceDocument | null> {
    return this.dataSource.getRepository(CorrespondenceDocument).findOneBy({ tenant, id });
  }

  /** The document of the municipality that carries this external reference, if any. */
  findByExternalReference(tenant: string, externalReference: string): Promise<CorrespondenceDocument | null> {
    return this.dataSource.getRepository(CorrespondenceDocument).findOneBy({ tenant, externalReference });
  }

  /** By folio, with the tracking code's hash (which no other read selects). */
  findForTracking(tenant: string, folio: string): Promise<CorrespondenceDocument | null> {
    return this.dataSource
      .getRepository(CorrespondenceDocument)
      .createQueryBuilder('d')
      .addSelect('d.trackingCodeHash')
      .where('d.tenant = :tenant AND d.folio = :folio', { tenant, folio })
      .getOne();
  }

  turnsOf(documentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<DocumentTurn[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(DocumentTurn).find({ where: { documentId: In(documentIds) }, order: { turnedAt: 'ASC', oficioNumber: 'ASC' } });
  }

  async saveTurns(manager: EntityManager, turns: DocumentTurn[]): Promise<void> {
    if (turns.length > 0) await manager.getRepository(DocumentTurn).upsert(turns, ['id']);
  }

  async addStatusChanges(manager: EntityManager, changes: Omit<DocumentStatusChange, 'id'>[]): Promise<void> {
    if (changes.length > 0) await manager.getRepository(DocumentStatusChange).insert(changes);
  }

  history(tenant: string, documentId: string): Promise<DocumentStatusChange[]> {
    return this.dataSource.getRepository(DocumentStatusChange).find({ where: { tenant, documentId }, order: { id: 'ASC' } });
  }

  /** Unit names from the catalog replica, for display. */
  async unitNames(tenant: string, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (code) code, name FROM unit_replica WHERE tenant = $1 AND code = ANY($2)
       ORDER BY code, active_to DESC NULLS FIRST, updated_at DESC`,
      [tenant, codes],
    );
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  /** One page, newest first, and the total up to COUNT_CAP: both queries walk the tenant indexes. */
  async list(filter: DocumentListFilter): Promise<{ items: CorrespondenceDocument[]; total: number; totalCapped: boolean }> {
    const builder = this.dataSource
      .getRepository(CorrespondenceDocument)
      .createQueryBuilder('d')
      .where('d.tenant = :tenant', { tenant: filter.tenant })
      .orderBy('d.received_at', 'DESC')
      .addOrderBy('d.id')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.status) builder.andWhere('d.status = :status', { status: filter.status });
    if (filter.type) builder.andWhere('d.type = :type', { type: filter.type });
    if (filter.channel) builder.andWhere('d.channel = :channel', { channel: filter.channel });
    if (filter.folio) builder.andWhere('d.folio = :folio', { folio: filter.folio });
    if (filter.externalReference) builder.andWhere('d.external_reference = :externalReference', { externalReference: filter.externalReference });
    // Day bounds in the municipality's time zone, as instants, so the received_at index serves the range.
    if (filter.from) builder.andWhere('d.received_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :timeZone)', { from: filter.from, timeZone: filter.timeZone });
    if (filter.to) builder.andWhere('d.received_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :timeZone)', { to: filter.to, timeZone: filter.timeZone });
    if (filter.unitCode) builder.andWhere(':unitCode = ANY(d.turned_unit_codes)', { unitCode: filter.unitCode });
    if (filter.visibleToUnits) builder.andWhere('(d.desk_unit_code = ANY(:units) OR d.turned_unit_codes && CAST(:units AS text[]))', { units: filter.visibleToUnits });
    const items = await builder.getMany();
    // Counting a large result exactly means reading all of it: count up to a cap, and say when it was reached.
    const [sql, parameters] = builder.clone().orderBy().skip(undefined).take(undefined).select('1').limit(COUNT_CAP + 1).getQueryAndParameters();
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM (${sql}) capped`, parameters);
    return { items, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
  }

  /** Documents of a tenant with an open turn (requiring an answer) turned in the given years. */
  async withOpenTurnsTurnedIn(manager: EntityManager, tenant: string, fromYear: number, toYear: number, timeZone: string): Promise<string[]> {
    const rows: { documentId: string }[] = await manager.query(
      `SELECT DISTINCT document_id AS "documentId" FROM document_turn
       WHERE tenant = $1 AND status IN ('turnado', 'acusado') AND requires_response
         AND extract(year FROM turned_at AT TIME ZONE $4) BETWEEN $2 AND $3`,
      [tenant, fromYear, toYear, timeZone],
    );
    return rows.map((row) => row.documentId);
  }

  /** Documents with an open turn past its due date (any municipality): candidates for the overdue sweep. */
  overdueCandidates(today: string, limit: number): Promise<{ tenant: string; documentId: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT t.tenant, t.document_id AS "documentId" FROM document_turn t JOIN document d ON d.id = t.document_id
       WHERE t.status IN ('turnado', 'acusado') AND t.requires_response AND t.due_on < $1 AND d.status <> 'cancelado' LIMIT $2`,
      [today, limit],
    );
  }
}
