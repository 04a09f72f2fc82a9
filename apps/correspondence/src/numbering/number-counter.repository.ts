import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';

export type NumberSequence = 'folio' | 'oficio';

@Injectable()
export class NumberCounterRepository extends DatabaseRepository {
  /**
   * The next number of a municipality's sequence for a year. The upsert locks the counter row until the caller's
   * transaction ends: concurrent registrations (on any replica) wait their turn, and a rollback returns the number,
   * so numbers are consecutive with no gaps nor duplicates.
   */
  async next(manager: EntityManager, tenant: string, sequence: NumberSequence, year: number): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO number_counter (tenant, sequence, year, last_value) VALUES ($1, $2, $3, 1)
       ON CONFLICT (tenant, sequence, year) DO UPDATE SET last_value = number_counter.last_value + 1
       RETURNING last_value`,
      [tenant, sequence, year],
    );
    return Number(row.last_value);
  }
}
