import { Client } from 'pg';

/**
 * Tenants registered in the tests' template database, so a test may sign tokens for them without registering first.
 * A test that needs a fresh tenant (uniqueTenant()) registers it with registerTenants().
 */
export const DEFAULT_TEST_TENANTS = [
  'oaxaca-de-juarez',
  'santa-lucia-del-camino',
  'santa-maria-del-tule',
  'san-pablo-etla',
  'santa-lucia',
  'oax',
  't',
  'tenant',
] as const;

type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Registers active municipalities the way their events would: in catalog's table and in every service's replica.
 * Test and benchmark setup only (the product learns municipalities from catalog's API and topic). Accepts a TestDatabase or a pg client.
 */
export async function registerTenants(database: Queryable, ...tenants: string[]): Promise<void> {
  const rows = (await database.query(`SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
    WHERE table_name IN ('municipality', 'municipality_replica')`)) as Array<{ schema: string; table: string }> | { rows: Array<{ schema: string; table: string }> };
  const tables = Array.isArray(rows) ? rows : rows.rows;
  for (const { schema, table } of tables) {
    for (const tenant of tenants) {
      if (table === 'municipality_replica') {
        await database.query(`INSERT INTO "${schema}".municipality_replica (id, active, version) VALUES ($1, true, 1) ON CONFLICT (id) DO NOTHING`, [tenant]);
      } else {
        // INEGI keys 9xxxx are never real ones: they cannot collide with a key a test registers through the API.
        await database.query(
          `INSERT INTO "${schema}".municipality (id, name, state, inegi_code, active)
           SELECT $1, $1, 'Oaxaca', (90000 + count(*))::text, true FROM "${schema}".municipality
           ON CONFLICT (id) DO NOTHING`,
          [tenant],
        );
      }
    }
  }
}

/** Registers the default test tenants in a freshly migrated template database. */
export async function registerDefaultTestTenants(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await registerTenants(client, ...DEFAULT_TEST_TENANTS);
  } finally {
    await client.end();
  }
}
