import { MigrationInterface, QueryRunner } from 'typeorm';

/** Calendar of non-working days per municipality and year (weekends are implied) and the office-hours cut-off. */
export class Calendars1763700002200 implements MigrationInterface {
  name = 'Calendars1763700002200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_year (
        tenant text NOT NULL,
        year integer NOT NULL,
        cutoff text NOT NULL DEFAULT '15:00',
        time_zone text NOT NULL DEFAULT 'America/Mexico_City',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, year),
        CONSTRAINT calendar_year_range CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT calendar_year_cutoff_format CHECK (cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
      )`);
    await queryRunner.query(`
      CREATE TABLE calendar_holiday (
        tenant text NOT NULL,
        year integer NOT NULL,
        date date NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (tenant, date),
        FOREIGN KEY (tenant, year) REFERENCES calendar_year (tenant, year) ON DELETE CASCADE,
        CONSTRAINT calendar_holiday_in_year CHECK (extract(year FROM date) = year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_holiday`);
    await queryRunner.query(`DROP TABLE calendar_year`);
  }
}
