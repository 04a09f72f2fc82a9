import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { AgendaSettings } from './agenda-settings.entity';

@Injectable()
export class AgendaSettingsRepository extends DatabaseRepository {
  find(tenant: string, manager: EntityManager = this.dataSource.manager): Promise<AgendaSettings | null> {
    return manager.getRepository(AgendaSettings).findOneBy({ tenant });
  }

  lock(manager: EntityManager, tenant: string): Promise<AgendaSettings | null> {
    return manager.getRepository(AgendaSettings).findOne({ where: { tenant }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, settings: AgendaSettings): Promise<AgendaSettings> {
    return manager.getRepository(AgendaSettings).save(settings);
  }

  /** Municipalities that keep weekly rosters, for the periodic closing of due weeks. */
  async tenants(): Promise<string[]> {
    const rows: { tenant: string }[] = await this.dataSource.query(`SELECT tenant FROM agenda_settings ORDER BY tenant`);
    return rows.map((row) => row.tenant);
  }
}
