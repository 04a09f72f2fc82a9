import { MigrationInterface, QueryRunner } from 'typeorm';

/** The municipalities (tenants). Their id is the slug every record carries as `tenant`. */
export class Municipalities1763700002000 implements MigrationInterface {
  name = 'Municipalities1763700002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE municipality (
        id text PRIMARY KEY,
        name text NOT NULL,
        state text NOT NULL,
        inegi_code text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT municipality_inegi_code_key UNIQUE (inegi_code),
        CONSTRAINT municipality_id_slug CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT municipality_inegi_code_format CHECK (inegi_code ~ '^[0-9]{5}$')
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE municipality`);
  }
}
