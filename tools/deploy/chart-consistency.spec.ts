import { AUTH_VARIABLES } from '@tequio/auth';
import { serviceConfigSchema } from '@tequio/platform';
import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, buildService, bundleDir, serviceNames, TOPIC_PROVISIONING_BUNDLE } from './build-service';
import { CHART_DATA_FILE, CHART_DIR, chartData, loadServiceDefinition, renderChartData } from './chart-data';
import { Container, DeployTools, ensureDeployTools, podTemplates, PRODUCTION_VALUES, renderChart, Rendered } from './deploy-tools';

/** Variables a service reads: its configuration schema, and whatever the auth module looks up in the environment. */
function variablesServicesRead(): { all: Set<string>; required: Set<string> } {
  const shape = serviceConfigSchema('any', 1).shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
  const read = new Set<string>(AUTH_VARIABLES);
  const required = new Set(Object.keys(shape).filter((key) => !shape[key].safeParse(undefined).success));
  // Production refuses development keys: the identity provider's JWKS endpoint is required there.
  required.add('AUTH_JWKS_URL');
  return { all: new Set([...Object.keys(shape), ...read]), required };
}

function environmentOf(rendered: Rendered, container: Container): Set<string> {
  const names = new Set((container.env ?? []).map((variable) => variable.name));
  for (const source of container.envFrom ?? []) {
    const configMap = rendered.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef?.name);
    if (!configMap) throw new Error(`${container.name} reads ConfigMap ${source.configMapRef?.name}, which the chart does not render`);
    Object.keys(configMap.data ?? {}).forEach((key) => names.add(key));
  }
  return names;
}

// Helm and the validator are separate processes: allow for a loaded machine.
jest.setTimeout(60_000);

/**
 * The chart must configure the services with what they really read and serve: ports from their definitions, only
 * variables their configuration schema or auth module reads (and all those without a default), programs the build
 * really produces. Services added or changed later are picked up from their code, not from a list copied here.
 */
describe('chart and services agree', () => {
  let tools: DeployTools;
  let renders: Array<[string, Rendered]>;

  beforeAll(() => {
    tools = ensureDeployTools();
    renders = [
      ['default', renderChart(tools.helm)],
      ['production', renderChart(tools.helm, [PRODUCTION_VALUES])],
    ];
  }, 15 * 60_000);

  it('the chart data (topics, ports, topic access) is generated from the current contracts and services', () => {
    expect(readFileSync(CHART_DATA_FILE, 'utf8')).toBe(renderChartData());
  });

  it('every service has a values block, a schema entry and its real port', () => {
    const values = load(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as { services: Record<string, { port: number }> };
    const schema = JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8')) as {
      properties: { services: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(values.services).sort()).toEqual(serviceNames());
    expect(Object.keys(schema.properties.services.properties).sort()).toEqual(serviceNames());
    for (const service of serviceNames()) {
      expect({ service, port: values.services[service].port }).toEqual({ service, port: loadServiceDefinition(service).defaultPort });
    }
  });

  it('containers set only variables the services read, and every variable they require', () => {
    const { all, required } = variablesServicesRead();
    for (const [label, rendered] of renders) {
      for (const { owner, spec } of podTemplates(rendered.objects)) {
        for (const container of spec.containers) {
          const names = environmentOf(rendered, container);
          const where = `${label} ${owner.kind}/${owner.metadata.name}`;
          expect({ where, unknown: [...names].filter((name) => !all.has(name)) }).toEqual({ where, unknown: [] });
          expect({ where, missing: [...required].filter((name) => !names.has(name)) }).toEqual({ where, missing: [] });
        }
      }
    }
  });

  it('each Deployment listens where its Service, probes and PORT say', () => {
    for (const [, rendered] of renders) {
      for (const { owner, spec } of podTemplates(rendered.objects).filter((t) => t.owner.kind === 'Deployment')) {
        const [container] = spec.containers;
        const port = loadServiceDefinition(container.name).defaultPort;
        expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: port })]);
        expect(container.env?.find((variable) => variable.name === 'PORT')?.value).toBe(String(port));
        const service = rendered.objects.find((o) => o.kind === 'Service' && o.metadata.name === owner.metadata.name);
        expect((service?.spec as { ports: Array<{ port: number; targetPort: string }> }).ports).toEqual([expect.objectContaining({ port, targetPort: 'http' })]);
      }
    }
  });

  it('containers run programs the build produces, with the commands they accept', () => {
    const built = new Map<string, string>();
    for (const service of serviceNames()) built.set(service, buildService(service).dir);
    built.set(TOPIC_PROVISIONING_BUNDLE.name, buildBundle(TOPIC_PROVISIONING_BUNDLE).dir);
    const [, rendered] = renders[0];
    for (const { owner, spec } of podTemplates(rendered.objects)) {
      const [program, ...rest] = spec.containers[0].args ?? [];
      const [bundle, file] = program.split('/');
      expect({ owner: owner.metadata.name, file, bundleBuilt: built.has(bundle) }).toEqual({ owner: owner.metadata.name, file: 'main.js', bundleBuilt: true });
      expect(existsSync(join(bundleDir(bundle), 'main.js'))).toBe(true);
      const isMigration = owner.kind === 'Job' && owner.metadata.name.includes('-migrate-');
      expect(rest).toEqual(isMigration ? ['migrate'] : []);
    }
    expect(chartData().topics.length).toBeGreaterThan(0);
  });
});
