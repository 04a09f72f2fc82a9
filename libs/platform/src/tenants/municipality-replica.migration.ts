import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every service but catalog keeps which municipalities exist and are active, to refuse tokens of any other tenant. */
export class MunicipalityReplica1796180000000 implements MigrationInterface {
  name = 'MunicipalityReplica1796180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS municipality_replica (
        id text PRIMARY KEY,
        active boolean NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE municipality_replica`);
  }
}
