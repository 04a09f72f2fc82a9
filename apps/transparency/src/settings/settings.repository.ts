import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { DEFAULT_TERMS } from '../deadlines/deadline-engine';
import { TransparencySettings } from './settings.entity';

export const DEFAULT_TRANSPARENCY_UNIT = '801';

/** What a municipality without stored settings gets: the 2015 general law's terms and unit 801. */
export function defaultSettings(tenant: string): TransparencySettings {
  return Object.assign(new TransparencySettings(), {
    tenant,
    unitCode: DEFAULT_TRANSPARENCY_UNIT,
    oficioPrefix: 'UT',
    terms: DEFAULT_TERMS,
    dueSoonDays: 3,
    version: 0,
  });
}

@Injectable()
export class SettingsRepository extends DatabaseRepository {
  async find(tenant: string, manager: EntityManager = this.dataSource.manager): Promise<TransparencySettings | null> {
    return manager.getRepository(TransparencySettings).findOneBy({ tenant });
  }

  async findOrDefault(tenant: string, manager?: EntityManager): Promise<TransparencySettings> {
    return (await this.find(tenant, manager)) ?? defaultSettings(tenant);
  }

  async lock(manager: EntityManager, tenant: string): Promise<TransparencySettings | null> {
    return manager.getRepository(TransparencySettings).createQueryBuilder('s').setLock('pessimistic_write').where('s.tenant = :tenant', { tenant }).getOne();
  }

  save(manager: EntityManager, settings: TransparencySettings): Promise<TransparencySettings> {
    return manager.getRepository(TransparencySettings).save(settings);
  }

  /** The next consecutive oficio number of the year; rolls back with the transaction, so numbers have no gaps. */
  async nextOficio(manager: EntityManager, tenant: string, prefix: string, year: number): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO oficio_counter (tenant, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (tenant, year) DO UPDATE SET last = oficio_counter.last + 1 RETURNING last`,
      [tenant, year],
    );
    return `${prefix}/${String(row.last).padStart(4, '0')}/${year}`;
  }
}
