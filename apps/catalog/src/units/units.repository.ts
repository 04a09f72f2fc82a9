import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitParentHistory } from './unit-parent-history.entity';
import { Unit } from './unit.entity';

export interface UnitTreeRow {
  id: string;
  code: string;
  name: string;
  kind: Unit['kind'];
  parentId: string | null;
  activeFrom: string;
  activeTo: string | null;
}

export interface UnitHistoryRow {
  parentId: string | null;
  parentCode: string | null;
  parentName: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface UnitListQuery {
  tenant: string;
  q?: string;
  kind?: string;
  parentId?: string;
  active?: boolean;
  today: string;
  sort: 'code' | 'name' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

@Injectable()
export class UnitsRepository extends DatabaseRepository {
  findById(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Unit | null> {
    return manager.getRepository(Unit).findOneBy({ tenant, id });
  }

  findByCode(tenant: string, code: string, manager: EntityManager = this.dataSource.manager): Promise<Unit | null> {
    return manager.getRepository(Unit).findOneBy({ tenant, code });
  }

  /** Ids from the unit up to the root, to refuse moves that would close a cycle. */
  async ancestorIds(manager: EntityManager, unitId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE chain(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM unit WHERE id = $1
         UNION ALL
         SELECT u.id, u.parent_id, c.depth + 1 FROM unit u JOIN chain c ON u.id = c.parent_id WHERE c.depth < 100
       ) SELECT id FROM chain`,
      [unitId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Serializes changes to one municipality's unit tree: two concurrent moves could each pass the cycle
   * check against the other's uncommitted state and together close a cycle.
   */
  async lockTree(manager: EntityManager, tenant: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`unit-tree:${tenant}`]);
  }

  /** Codes of the unit's children still active after the given day. */
  async activeChildCodes(manager: EntityManager, unitId: string, day: string): Promise<string[]> {
    const rows: { code: string }[] = await manager.query(
      `SELECT code FROM unit WHERE parent_id = $1 AND (active_to IS NULL OR active_to > $2) ORDER BY code`,
      [unitId, day],
    );
    return rows.map((row) => row.code);
  }

  async childCount(manager: EntityManager, unitId: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM unit WHERE parent_id = $1`, [unitId]);
    return n;
  }

  /** Deletes the unit (its own parent history goes with it); a row elsewhere that references it raises 23503. */
  async delete(manager: EntityManager, unitId: string): Promise<void> {
    await manager.query(`DELETE FROM unit WHERE id = $1`, [unitId]);
  }

  // ------------------------------------------------------------------------------------------- parent history

  /** The unit's current period (valid_to null), locked for the rest of the transaction. */
  openPeriod(manager: EntityManager, unitId: string): Promise<UnitParentHistory | null> {
    return manager
      .getRepository(UnitParentHistory)
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.unit_id = :unitId AND h.valid_to IS NULL', { unitId })
      .getOne();
  }

  firstPeriod(manager: EntityManager, unitId: string): Promise<UnitParentHistory | null> {
    return manager.getRepository(UnitParentHistory).findOne({ where: { unitId }, order: { validFrom: 'ASC' } });
  }

  /** The period that ended the day before `day`, if any (to merge a same-day move back into it). */
  periodEndingBefore(manager: EntityManager, unitId: string, day: string): Promise<UnitParentHistory | null> {
    return manager
      .getRepository(UnitParentHistory)
      .createQueryBuilder('h')
      .where(`h.unit_id = :unitId AND h.valid_to = CAST(:day AS date) - 1`, { unitId, day })
      .getOne();
  }

  savePeriod(manager: EntityManager, period: UnitParentHistory): Promise<UnitParentHistory> {
    return manager.getRepository(UnitParentHistory).save(period);
  }

  async deletePeriod(manager: EntityManager, period: UnitParentHistory): Promise<void> {
    await manager.getRepository(UnitParentHistory).delete({ id: period.id });
  }

  /** Closes a period on the day before `day` (valid_to is inclusive). */
  async closePeriodBefore(manager: EntityManager, period: UnitParentHistory, day: string): Promise<void> {
    await manager.query(`UPDATE unit_parent_history SET valid_to = $2::date - 1 WHERE id = $1`, [period.id, day]);
  }

  history(unitId: string): Promise<UnitHistoryRow[]> {
    return this.dataSource.query(
      `SELECT h.parent_id AS "parentId", p.code AS "parentCode", p.name AS "parentName",
              h.valid_from::text AS "validFrom", h.valid_to::text AS "validTo"
       FROM unit_parent_history h LEFT JOIN unit p ON p.id = h.parent_id
       WHERE h.unit_id = $1 ORDER BY h.valid_from, h.id`,
      [unitId],
    );
  }

  /**
   * The tenant's units for a tree: all of them under their current parent, or (with `activeOn`) those active that
   * day under the parent they had that day.
   */
  treeRows(tenant: string, activeOn?: string): Promise<UnitTreeRow[]> {
    const columns = `u.id, u.code, u.name, u.kind, u.active_from::text AS "activeFrom", u.active_to::text AS "activeTo"`;
    if (activeOn === undefined) {
      return this.dataSource.query(`SELECT ${columns}, u.parent_id AS "parentId" FROM unit u WHERE u.tenant = $1`, [tenant]);
    }
    return this.dataSource.query(
      `SELECT ${columns}, h.parent_id AS "parentId"
       FROM unit u
       LEFT JOIN unit_parent_history h ON h.unit_id = u.id AND h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to >= $2::date)
       WHERE u.tenant = $1 AND u.active_from <= $2::date AND (u.active_to IS NULL OR u.active_to >= $2::date)`,
      [tenant, activeOn],
    );
  }

  async list(query: UnitListQuery): Promise<{ items: Unit[]; total: number }> {
    const builder = this.dataSource
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.tenant = :tenant', { tenant: query.tenant })
      .orderBy(`unit.${query.sort}`, query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('unit.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.q) {
      builder.andWhere('(unit.code ILIKE :q OR unit.name ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (query.kind) builder.andWhere('unit.kind = :kind', { kind: query.kind });
    if (query.parentId) builder.andWhere('unit.parent_id = :parentId', { parentId: query.parentId });
    if (query.active !== undefined) {
      const activeToday = '(unit.active_from <= :today AND (unit.active_to IS NULL OR unit.active_to >= :today))';
      builder.andWhere(query.active ? activeToday : `NOT ${activeToday}`, { today: query.today });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
