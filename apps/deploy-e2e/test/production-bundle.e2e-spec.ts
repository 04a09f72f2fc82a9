import { buildService, Container, ensureDeployTools, podTemplates, renderChart, Rendered } from '@tequio/deploy-tools';
import { freePort, waitFor } from '@tequio/devstack';
import { requireEnv, TEST_ENV, uniqueGroup, withDatabase } from '@tequio/testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const SERVICE = 'catalog';
/** Packages a developer needs and production must not carry. */
const DEV_ONLY = ['typescript', '@swc/core', '@swc-node/register', 'jest', 'nx', '@nestjs/testing', 'eslint', 'supertest'];

/**
 * The production bundle of a service, as the image runs it: built, installed with production dependencies only in
 * a folder of its own (laid out like the image's /app), configured with the chart's own ConfigMap, migrated with the
 * migration Job's command and started with the Deployment's, against the real PostgreSQL and Kafka.
 */
describe(`production bundle of ${SERVICE}`, () => {
  let app: string;
  let chart: Rendered;
  let database: { url: string; drop(): Promise<void> };
  let serviceProcess: ChildProcess | undefined;

  beforeAll(async () => {
    chart = renderChart(ensureDeployTools().helm);
    const bundle = buildService(SERVICE).dir;
    app = mkdtempSync(join(tmpdir(), 'tequio-bundle-'));
    cpSync(bundle, join(app, SERVICE), { recursive: true });
    cpSync(join(bundle, 'package.json'), join(app, 'package.json'));
    cpSync(join(bundle, 'package-lock.json'), join(app, 'package-lock.json'));
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.stdout}\n${install.stderr}`);
    database = await createEmptyDatabase();
  }, 300_000);

  afterAll(async () => {
    if (serviceProcess && serviceProcess.exitCode === null) serviceProcess.kill('SIGKILL');
    await database?.drop();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  function container(kind: 'Deployment' | 'Job', nameSuffix: string): Container {
    const template = podTemplates(chart.objects).find((t) => t.owner.kind === kind && t.owner.metadata.name.endsWith(nameSuffix));
    if (!template) throw new Error(`the chart renders no ${kind} *${nameSuffix}`);
    return template.spec.containers[0];
  }

  /** The chart's ConfigMap, with the addresses of this test's PostgreSQL and Kafka instead of the cluster's. */
  function environment(port: number): NodeJS.ProcessEnv {
    const configMap = chart.objects.find((o) => o.kind === 'ConfigMap');
    return {
      PATH: process.env['PATH'],
      ...configMap?.data,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      KAFKA_REPLICATION_FACTOR: '1',
      // The shared test broker has no provisioning Job: let the service create what it reads.
      KAFKA_PROVISION_TOPICS: 'true',
      KAFKA_CONSUMER_GROUP: uniqueGroup('bundle'),
      // Production mode: tokens would be checked against this (unreachable) provider; the checks below are public.
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks',
    };
  }

  it('installs without any development package', () => {
    expect(existsSync(join(app, 'node_modules', '@nestjs', 'core'))).toBe(true);
    expect(DEV_ONLY.filter((name) => existsSync(join(app, 'node_modules', name)))).toEqual([]);
  });

  it('migrates an empty database with the migration Job command', async () => {
    const { args } = container('Job', `migrate-${SERVICE}`);
    const result = spawnSync(process.execPath, ['--enable-source-maps', ...(args ?? [])], {
      cwd: app,
      env: environment(await freePort()),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = $1`, [SERVICE]);
      expect(rows[0].tables).toBeGreaterThan(3);
    } finally {
      await client.end();
    }
  }, 90_000);

  it("serves readiness, its OpenAPI document (with the probes' paths) and metrics, then stops on SIGTERM", async () => {
    const deployment = container('Deployment', SERVICE);
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, ['--enable-source-maps', ...(deployment.args ?? [])], { cwd: app, env: environment(port), stdio: ['ignore', 'pipe', 'pipe'] });
    serviceProcess = child;
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`the ${SERVICE} bundle to be ready`, async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
      }, 90_000, 250);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
    }

    const openApi = await fetch(`${url}/docs-json`);
    expect(openApi.status).toBe(200);
    const document = (await openApi.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    const probePaths = [deployment.startupProbe, deployment.livenessProbe, deployment.readinessProbe].map((probe) => probe?.httpGet?.path);
    for (const path of probePaths) {
      expect(Object.keys(document.paths)).toContain(path);
      expect((await fetch(`${url}${path}`)).status).toBe(200);
    }
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^process_cpu_user_seconds_total/m);

    // Nest closes the app on SIGTERM, then re-raises the signal: a clean stop ends by SIGTERM, not by our SIGKILL.
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const ending = await exited;
    clearTimeout(timer);
    expect(['SIGTERM', 'code 0']).toContain(ending);
  }, 150_000);
});

async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = requireEnv(TEST_ENV.adminUrl);
  const name = `tequio_bundle_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
