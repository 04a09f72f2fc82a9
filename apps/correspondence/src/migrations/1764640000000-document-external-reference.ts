import { MigrationInterface, QueryRunner } from 'typeorm';

/** A document's identifier in the system it came from: optional, unique per municipality when present. */
export class DocumentExternalReference1764640000000 implements MigrationInterface {
  name = 'DocumentExternalReference1764640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE document ADD COLUMN external_reference text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX document_tenant_external_reference_key ON document (tenant, external_reference) WHERE external_reference IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX document_tenant_external_reference_key`);
    await queryRunner.query(`ALTER TABLE document DROP COLUMN external_reference`);
  }
}
