import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarReplica1763700000300 implements MigrationInterface {
  name = 'CalendarReplica1763700000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_replica (
        tenant text NOT NULL,
        year integer NOT NULL,
        cutoff text NOT NULL,
        time_zone text NOT NULL,
        holidays jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_replica`);
  }
}
