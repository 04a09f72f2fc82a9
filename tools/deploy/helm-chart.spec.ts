import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartData } from './chart-data';
import { CHART_DIR } from './chart-data';
import {
  DeployTools,
  ensureDeployTools,
  KubernetesObject,
  podTemplates,
  PRODUCTION_VALUES,
  renderChart,
  Rendered,
  run,
  validateManifests,
} from './deploy-tools';

// Helm and the validator are separate processes: allow for a loaded machine.
jest.setTimeout(60_000);

/**
 * The chart as an administrator meets it: lint, render with the default and the production values, validate every
 * manifest against the Kubernetes API schemas (offline), and refuse a broken values file before rendering anything.
 */
describe('Helm chart helm/tequio', () => {
  let tools: DeployTools;
  let defaults: Rendered;
  let production: Rendered;

  beforeAll(() => {
    tools = ensureDeployTools();
    defaults = renderChart(tools.helm);
    production = renderChart(tools.helm, [PRODUCTION_VALUES]);
  }, 15 * 60_000);

  it('passes helm lint --strict with the default and the production values', () => {
    for (const args of [[], ['--values', PRODUCTION_VALUES]]) {
      const result = run(tools.helm, ['lint', '--strict', CHART_DIR, ...args]);
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: expect.stringContaining('0 chart(s) failed') });
    }
  });

  it.each([
    ['default', () => defaults],
    ['production', () => production],
  ])('renders %s manifests that the Kubernetes API schemas accept', (_label, rendered) => {
    const { ok, output } = validateManifests(tools.kubernetesValidate, rendered().yaml);
    expect(output).not.toMatch(/ERROR/);
    expect(ok).toBe(true);
    // Only the custom resources (checked below) may lack a schema.
    const unknownKinds = [...output.matchAll(/Couldn't find schema for kind (\w+)/g)].map((m) => m[1]);
    expect(new Set(unknownKinds)).toEqual(new Set(unknownKinds.filter((kind) => ['KafkaTopic', 'KafkaUser', 'ServiceMonitor'].includes(kind))));
  });

  it('validation catches a manifest error (the validator is not a no-op)', () => {
    const broken = production.yaml.replace(/containerPort: 3001/, 'containerPort: "abc"');
    expect(broken).not.toEqual(production.yaml);
    const { ok, output } = validateManifests(tools.kubernetesValidate, broken);
    expect(ok).toBe(false);
    expect(output).toMatch(/containerPort/);
  });

  it('refuses a broken values file through values.schema.json, naming every mistake', () => {
    expect(() => renderChart(tools.helm, [join(__dirname, 'fixtures', 'values-broken.yaml')])).toThrow(/values don't meet the specifications of the schema/);
    let message = '';
    try {
      renderChart(tools.helm, [join(__dirname, 'fixtures', 'values-broken.yaml')]);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const field of ['/services/catalog/port', '/services', 'reportng', '/kafka/brokers', '/kafka/sasl/mechanism', '/auth/jwksUrl', '/securityContext/readOnlyRootFilesystem', '/defaults/replicas']) {
      expect(message).toContain(field);
    }
  });

  it.each([
    ['default', () => defaults],
    ['production', () => production],
  ])('%s: every container has resources, a hardened security context and runs as a numeric non-root user', (_label, rendered) => {
    const templates = podTemplates(rendered().objects);
    expect(templates.length).toBeGreaterThan(0);
    for (const { owner, spec } of templates) {
      const where = `${owner.kind}/${owner.metadata.name}`;
      expect({ where, pod: spec.securityContext }).toEqual({
        where,
        pod: expect.objectContaining({ runAsNonRoot: true, runAsUser: expect.any(Number), seccompProfile: { type: 'RuntimeDefault' } }),
      });
      expect({ where, automount: spec.automountServiceAccountToken }).toEqual({ where, automount: false });
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect({ where, resources: container.resources }).toEqual({
          where,
          resources: { requests: expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }), limits: expect.objectContaining({ memory: expect.anything() }) },
        });
        expect({ where, securityContext: container.securityContext }).toEqual({
          where,
          securityContext: expect.objectContaining({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          }),
        });
      }
    }
  });

  it.each([
    ['default', () => defaults],
    ['production', () => production],
  ])('%s: every service Deployment has startup, liveness and readiness probes on its own port', (_label, rendered) => {
    const deployments = podTemplates(rendered().objects).filter((t) => t.owner.kind === 'Deployment');
    expect(deployments.map((d) => d.spec.containers[0].name).sort()).toEqual(Object.keys(chartData().services).sort());
    for (const { spec } of deployments) {
      const [container] = spec.containers;
      expect(container.ports).toEqual([expect.objectContaining({ name: 'http' })]);
      for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
        expect(probe?.httpGet).toEqual({ path: expect.stringMatching(/^\/health\//), port: 'http' });
      }
    }
  });

  it('production: topics are Strimzi KafkaTopics with the partitions and configuration declared in libs/contracts', () => {
    const topics = production.objects.filter((o) => o.kind === 'KafkaTopic');
    const declared = chartData().topics;
    expect(topics.map((t) => (t.spec as { topicName: string }).topicName).sort()).toEqual(declared.map((t) => t.name).sort());
    for (const topic of topics) {
      const spec = topic.spec as { topicName: string; partitions: number; replicas: number; config: Record<string, string> };
      const expected = declared.find((t) => t.name === spec.topicName);
      expect(spec).toEqual({ topicName: expected?.name, partitions: expected?.partitions, replicas: 3, config: expected?.config });
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('tequio-kafka');
      expect(topic.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    // The services create no topics where the cluster declares them.
    const config = production.objects.find((o) => o.kind === 'ConfigMap');
    expect(config?.data?.['KAFKA_PROVISION_TOPICS']).toBe('false');
    expect(production.objects.some((o) => o.kind === 'Job' && o.metadata.name.includes('provision-topics'))).toBe(false);
  });

  it('production: each service has a KafkaUser that may write only its own and dead-letter topics and read only what it consumes', () => {
    const users = production.objects.filter((o) => o.kind === 'KafkaUser');
    for (const [service, access] of Object.entries(chartData().services)) {
      const user = users.find((u) => u.metadata.name === `tequio-${service}`) as KubernetesObject;
      const acls = (user.spec as { authorization: { acls: Array<{ resource: { type: string; name?: string }; operations: string[] }> } }).authorization.acls;
      const topicsWith = (operation: string) =>
        acls.filter((acl) => acl.resource.type === 'topic' && acl.operations.includes(operation)).map((acl) => acl.resource.name).sort();
      expect({ service, writes: topicsWith('Write'), reads: topicsWith('Read') }).toEqual({ service, writes: access.writes, reads: access.reads });
      expect((user.spec as { authentication: { type: string } }).authentication.type).toBe('scram-sha-512');
    }
  });

  it('default: a cluster without an operator gets the topic-provisioning Job before the migrations', () => {
    const jobs = defaults.objects.filter((o) => o.kind === 'Job');
    const weight = (job: KubernetesObject) => Number(job.metadata.annotations?.['helm.sh/hook-weight']);
    const provisioning = jobs.find((j) => j.metadata.name.endsWith('provision-topics')) as KubernetesObject;
    const migrations = jobs.filter((j) => j.metadata.name.includes('-migrate-'));
    expect(migrations).toHaveLength(Object.keys(chartData().services).length);
    for (const job of [provisioning, ...migrations]) expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    for (const migration of migrations) expect(weight(provisioning)).toBeLessThan(weight(migration));
  });

  it('can switch a service off', () => {
    const rendered = renderChart(tools.helm, [], ['services.agenda.enabled=false']);
    const names = rendered.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).not.toContain('Deployment/tequio-agenda');
    expect(names).not.toContain('Job/tequio-migrate-agenda');
    expect(names).toContain('Deployment/tequio-catalog');
  });

  it('the chart README lists every value of values.yaml', () => {
    const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
    const values = load(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const missing = leafKeys(values).filter((key) => !readme.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});

/** Dotted paths of the values (services.<name>.* collapsed to one entry per setting). */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (['resources', 'probes', 'ingressFrom', 'metricsFrom'].includes(key) || prefix.startsWith('networkPolicy.egressTo')) return [path];
    return leafKeys(child, path);
  });
}
