import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnitSnapshot } from '@tequio/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { UnitReplica } from './unit-replica.entity';

export interface UnitReplicaQuery {
  tenant: string;
  code?: string;
  activeOn?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class UnitReplicaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies a snapshot unless a newer version is already stored (events may be redelivered late). */
  async upsert(manager: EntityManager, tenant: string, unit: UnitSnapshot): Promise<void> {
    await manager.query(
      `INSERT INTO unit_replica (id, tenant, code, name, kind, parent_id, active_from, active_to, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, kind = EXCLUDED.kind,
         parent_id = EXCLUDED.parent_id, active_from = EXCLUDED.active_from, active_to = EXCLUDED.active_to,
         version = EXCLUDED.version, updated_at = now()
       WHERE unit_replica.version < EXCLUDED.version`,
      [unit.unitId, tenant, unit.code, unit.name, unit.kind, unit.parentId, unit.activeFrom, unit.activeTo, unit.version],
    );
  }

  /** Drops a deleted unit, unless the replica already holds a newer version (a later snapshot of the same id). */
  async remove(manager: EntityManager, tenant: string, unit: UnitSnapshot): Promise<void> {
    await manager.query(`DELETE FROM unit_replica WHERE id = $1 AND tenant = $2 AND version < $3`, [unit.unitId, tenant, unit.version]);
  }

  /** The unit holding the code: the still-active one if a freed code was briefly held twice. */
  findByCode(tenant: string, code: string): Promise<UnitReplica | null> {
    return this.dataSource
      .getRepository(UnitReplica)
      .createQueryBuilder('unit')
      .where('unit.tenant = :tenant AND unit.code = :code', { tenant, code })
      .orderBy('unit.active_to', 'DESC', 'NULLS FIRST')
      .addOrderBy('unit.updated_at', 'DESC')
      .getOne();
  }

  async list(query: UnitReplicaQuery): Promise<{ items: UnitReplica[]; total: number }> {
    const builder = this.dataSource
      .getRepository(UnitReplica)
      .createQueryBuilder('unit')
      .where('unit.tenant = :tenant', { tenant: query.tenant })
      .orderBy('unit.code', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.code) builder.andWhere('unit.code = :code', { code: query.code });
    if (query.activeOn) {
      builder
        .andWhere('unit.active_from <= :day', { day: query.activeOn })
        .andWhere('(unit.active_to IS NULL OR unit.active_to >= :day)', { day: query.activeOn });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
