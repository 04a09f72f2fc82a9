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

/** The replica keeps the municipality's name too, for the documents a service prints (reports' headers). */
export class MunicipalityReplicaName1796210000000 implements MigrationInterface {
  name = 'MunicipalityReplicaName1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE municipality_replica ADD COLUMN IF NOT EXISTS name text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE municipality_replica DROP COLUMN name`);
  }
}
