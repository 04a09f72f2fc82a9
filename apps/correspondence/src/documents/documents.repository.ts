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
  from?: string;
  to?: string;
  /** Only documents registered by one of these desks or turned to one of these units; undefined: all of the tenant. */
  visibleToUnits?: string[];
  timeZone: string;
  limit: number;
  offset: number;
}

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

  async list(filter: DocumentListFilter): Promise<{ items: CorrespondenceDocument[]; total: number }> {
    const conditions = ['d.tenant = $1'];
    const params: unknown[] = [filter.tenant];
    const add = (sql: (placeholder: string) => string, value: unknown) => conditions.push(sql(`$${params.push(value)}`));
    if (filter.status) add((p) => `d.status = ${p}`, filter.status);
    if (filter.type) add((p) => `d.type = ${p}`, filter.type);
    if (filter.channel) add((p) => `d.channel = ${p}`, filter.channel);
    if (filter.folio) add((p) => `d.folio = ${p}`, filter.folio);
    // Day bounds in the municipality's time zone, as instants, so the received_at index serves the range.
    if (filter.from) add((p) => `d.received_at >= (${p}::date)::timestamp AT TIME ZONE $${params.push(filter.timeZone)}`, filter.from);
    if (filter.to) add((p) => `d.received_at < ((${p}::date + 1)::timestamp AT TIME ZONE $${params.push(filter.timeZone)})`, filter.to);
    if (filter.unitCode) {
      add((p) => `EXISTS (SELECT 1 FROM document_turn t WHERE t.document_id = d.id AND t.unit_code = ${p} AND t.status <> 'reasignado')`, filter.unitCode);
    }
    if (filter.visibleToUnits) {
      add(
        (p) =>
          `(d.desk_unit_code = ANY(${p}) OR EXISTS (SELECT 1 FROM document_turn t WHERE t.document_id = d.id AND t.unit_code = ANY(${p}) AND t.status <> 'reasignado'))`,
        filter.visibleToUnits,
      );
    }
    const where = conditions.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM document d WHERE ${where}`, params);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT d.id FROM document d WHERE ${where} ORDER BY d.received_at DESC, d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    if (ids.length === 0) return { items: [], total };
    const rows = await this.dataSource.getRepository(CorrespondenceDocument).findBy({ id: In(ids.map((row) => row.id)) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { items: ids.flatMap((row) => byId.get(row.id) ?? []), total };
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
