import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who signed each step as the token named them, and the Informe Trimestral frozen at approval so its downloads never change. */
export class ReportDocument1763700010400 implements MigrationInterface {
  name = 'ReportDocument1763700010400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE report_step ADD COLUMN actor_name text, ADD COLUMN actor_post text`);
    await queryRunner.query(`ALTER TABLE report ADD COLUMN document jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE report DROP COLUMN document`);
    await queryRunner.query(`ALTER TABLE report_step DROP COLUMN actor_name, DROP COLUMN actor_post`);
  }
}
