import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SemaphoreBand } from './semaphore';
import { SemaphoreBandRow, SemaphoreScale } from './semaphore.entity';

@Injectable()
export class SemaphoreRepository extends DatabaseRepository {
  findScale(tenant: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<SemaphoreScale | null> {
    return manager.getRepository(SemaphoreScale).findOneBy({ tenant, year });
  }

  /** The year's scale, created (defaults, version 0) when missing, locked for the rest of the transaction. */
  async lockScale(manager: EntityManager, tenant: string, year: number): Promise<SemaphoreScale> {
    await manager.query(
      `INSERT INTO semaphore_scale (tenant, year, custom, version) VALUES ($1, $2, false, 0) ON CONFLICT DO NOTHING`,
      [tenant, year],
    );
    return manager
      .getRepository(SemaphoreScale)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.tenant = :tenant AND s.year = :year', { tenant, year })
      .getOneOrFail();
  }

  async bands(tenant: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<SemaphoreBand[]> {
    const rows = await manager.getRepository(SemaphoreBandRow).find({ where: { tenant, year }, order: { position: 'ASC' } });
    return rows.map(({ color, min, max, minInclusive, maxInclusive }) => ({ color, min, max, minInclusive, maxInclusive }));
  }

  async replaceBands(manager: EntityManager, tenant: string, year: number, bands: readonly SemaphoreBand[]): Promise<void> {
    await manager.getRepository(SemaphoreBandRow).delete({ tenant, year });
    if (bands.length > 0) {
      await manager.getRepository(SemaphoreBandRow).insert(bands.map((band, position) => ({ tenant, year, position, ...band })));
    }
  }
}
