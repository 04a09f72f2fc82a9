import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantRegistry } from '@tequio/auth';
import type { MunicipalitySnapshot } from '@tequio/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** The replica of catalog's municipalities: which tenants exist and are active, and their names. */
@Injectable()
export class MunicipalityReplicaRepository implements TenantRegistry {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies a snapshot unless a newer version is already stored (events may be redelivered late). */
  async upsert(manager: EntityManager, municipality: MunicipalitySnapshot): Promise<void> {
    await manager.query(
      `INSERT INTO municipality_replica (id, name, active, version, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, active = EXCLUDED.active, version = EXCLUDED.version, updated_at = now()
       WHERE municipality_replica.version < EXCLUDED.version`,
      [municipality.municipalityId, municipality.name, municipality.active, municipality.version],
    );
  }

  async isActive(tenant: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM municipality_replica WHERE id = $1 AND active`, [tenant]);
    return rows.length > 0;
  }

  /** The municipality's name as catalog last published it (documents print it); null until an event carried one. */
  async nameOf(tenant: string): Promise<string | null> {
    const [row]: { name: string | null }[] = await this.dataSource.query(`SELECT name FROM municipality_replica WHERE id = $1`, [tenant]);
    return row?.name ?? null;
  }
}
