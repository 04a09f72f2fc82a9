import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metric registry now lives in `@tequio/contracts` (METRIC_REGISTRY), beside the producers' mappings that feed
 * it: the catalog serves it from there, so its copy in the database goes. Earlier migrations stay as they ran.
 */
export class MetricRegistryInContracts1763700003500 implements MigrationInterface {
  name = 'MetricRegistryInContracts1763700003500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE metric_definition`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the table's last shape, empty: the earlier migrations' seeds are not replayed.
    await queryRunner.query(`
      CREATE TABLE metric_definition (
        name text PRIMARY KEY,
        service text NOT NULL,
        description text NOT NULL,
        dimensions jsonb NOT NULL DEFAULT '[]'::jsonb,
        built_in boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }
}
