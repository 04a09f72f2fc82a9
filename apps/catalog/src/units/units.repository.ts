import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Unit } from './unit.entity';

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
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

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

  save(manager: EntityManager, unit: Unit): Promise<Unit> {
    return manager.getRepository(Unit).save(unit);
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
