import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { CorrespondenceSettings } from './settings.entity';

@Injectable()
export class SettingsRepository extends DatabaseRepository {
  find(tenant: string, manager: EntityManager = this.dataSource.manager): Promise<CorrespondenceSettings | null> {
    return manager.getRepository(CorrespondenceSettings).findOneBy({ tenant });
  }

  /** The row locked for a change, created with the defaults (version 0, bumped by the change) when missing. */
  async lock(manager: EntityManager, tenant: string, defaults: Omit<CorrespondenceSettings, 'tenant' | 'version' | 'createdAt' | 'updatedAt'>): Promise<CorrespondenceSettings> {
    await manager.query(
      `INSERT INTO correspondence_settings (tenant, folio_format, oficio_format, response_business_days, hearing_topics, version)
       VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT DO NOTHING`,
      [tenant, defaults.folioFormat, defaults.oficioFormat, defaults.responseBusinessDays, defaults.hearingTopics],
    );
    return manager
      .getRepository(CorrespondenceSettings)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.tenant = :tenant', { tenant })
      .getOneOrFail();
  }

  save(manager: EntityManager, settings: CorrespondenceSettings): Promise<CorrespondenceSettings> {
    return manager.getRepository(CorrespondenceSettings).save(settings);
  }
}
