import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Semáforo bands per municipality and year. The scale row survives a reset to the defaults (custom = false,
 * no bands) so its version keeps growing and consumers can ignore stale events.
 */
export class Semaphore1763700002300 implements MigrationInterface {
  name = 'Semaphore1763700002300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE semaphore_scale (
        tenant text NOT NULL,
        year integer NOT NULL,
        custom boolean NOT NULL,
        decimals integer NOT NULL DEFAULT 2,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, year),
        CONSTRAINT semaphore_scale_year_range CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT semaphore_scale_decimals CHECK (decimals BETWEEN 0 AND 4)
      )`);
    await queryRunner.query(`
      CREATE TABLE semaphore_band (
        tenant text NOT NULL,
        year integer NOT NULL,
        position integer NOT NULL,
        color text NOT NULL,
        min numeric NOT NULL,
        max numeric,
        min_inclusive boolean NOT NULL,
        max_inclusive boolean NOT NULL,
        PRIMARY KEY (tenant, year, position),
        FOREIGN KEY (tenant, year) REFERENCES semaphore_scale (tenant, year) ON DELETE CASCADE,
        CONSTRAINT semaphore_band_color CHECK (color IN ('verde', 'amarillo', 'rojo')),
        CONSTRAINT semaphore_band_range CHECK (min >= 0 AND (max IS NULL OR max >= min))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE semaphore_band`);
    await queryRunner.query(`DROP TABLE semaphore_scale`);
  }
}
