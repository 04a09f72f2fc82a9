import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BUNDLE, REPO_ROOT, serviceNames } from './build-service';
import { CHART_DIR, loadServiceDefinition } from './chart-data';

/** A Dockerfile instruction of the final stage, e.g. ['USER', '10001:10001']. */
function finalStage(dockerfile: string): Array<[string, string]> {
  const lines = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const lastFrom = lines.map((line) => line.toUpperCase().startsWith('FROM ')).lastIndexOf(true);
  return lines.slice(lastFrom).map((line) => {
    const [instruction, ...rest] = line.split(/\s+/);
    return [instruction.toUpperCase(), rest.join(' ')];
  });
}

/** There is no container runtime here: the image and Compose file are checked statically. */
describe('container image and Compose file', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'deploy', 'Dockerfile'), 'utf8');
  const stage = finalStage(dockerfile);
  const instruction = (name: string) => stage.filter(([key]) => key === name).map(([, value]) => value);

  it('runs as a numeric non-root user, the one the chart declares', () => {
    const [user] = instruction('USER');
    expect(user).toMatch(/^[1-9][0-9]*(:[1-9][0-9]*)?$/);
    const values = load(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as { podSecurityContext: { runAsUser: number; runAsGroup: number } };
    expect(user).toBe(`${values.podSecurityContext.runAsUser}:${values.podSecurityContext.runAsGroup}`);
  });

  it('has tini as PID 1 so SIGTERM reaches node, and a HEALTHCHECK', () => {
    const [entrypoint] = instruction('ENTRYPOINT');
    expect(JSON.parse(entrypoint)).toEqual(['/usr/bin/tini', '--', 'node', '--enable-source-maps']);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends tini/);
    expect(instruction('HEALTHCHECK')).toEqual([expect.stringMatching(/CMD \["node", "\/app\/healthcheck\.js"\]$/)]);
  });

  it('ships the built bundles at the working directory the chart runs them from, with production dependencies only', () => {
    expect(instruction('WORKDIR')).toEqual(['/app']);
    expect(instruction('COPY')).toEqual(expect.arrayContaining([expect.stringMatching(/--from=build .*\/src\/dist\/apps\/ \.\/$/)]));
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    // The final stage installs nothing from npm and compiles nothing.
    expect(instruction('RUN').join('\n')).not.toMatch(/npm|swc|tsc/);
    const [command] = instruction('CMD');
    const [program] = JSON.parse(command) as string[];
    expect(serviceNames().map((service) => `${service}/main.js`)).toContain(program);
  });

  it('keeps local state, secrets and dependencies out of the build context', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', '.git', '.data', '.cache', 'dist', '**/*.pem']) expect(ignored).toContain(entry);
  });

  it('Compose runs PostgreSQL, Kafka in KRaft mode and every service on its port', () => {
    type ComposeService = { image?: string; command?: string[]; environment?: Record<string, string>; read_only?: boolean; user?: string };
    const compose = load(readFileSync(join(REPO_ROOT, 'deploy', 'compose.yaml'), 'utf8')) as { services: Record<string, ComposeService> };
    expect(compose.services['postgres'].image).toMatch(/^postgres:/);
    expect(compose.services['kafka'].environment?.['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(compose.services['topics'].command).toEqual(['provision-topics/main.js']);
    for (const service of serviceNames()) {
      const port = String(loadServiceDefinition(service).defaultPort);
      expect({ service, command: compose.services[service]?.command, port: compose.services[service]?.environment?.['PORT'] }).toEqual({
        service,
        command: [`${service}/main.js`],
        port,
      });
      expect(compose.services[service].read_only).toBe(true);
      expect(compose.services[service].user).toBe('10001:10001');
    }
  });

  it('Compose has the demo loader: the built bundle, pointed at every service by its Compose name and port', () => {
    type DemoService = { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> };
    const compose = load(readFileSync(join(REPO_ROOT, 'deploy', 'compose.yaml'), 'utf8')) as { services: Record<string, DemoService> };
    const demo = compose.services['demo'];
    expect(demo.command).toEqual([`${DEMO_BUNDLE.name}/main.js`]);
    for (const service of serviceNames()) {
      expect(demo.environment?.[`${service.toUpperCase()}_URL`]).toBe(`http://${service}:${loadServiceDefinition(service).defaultPort}`);
      expect(demo.depends_on?.[service]).toEqual({ condition: 'service_healthy' });
    }
    // The loader signs dev tokens: it reads the same keys as the services.
    expect(demo.environment?.['AUTH_DEV_KEYS_DIR']).toBe('/keys');
  });
});
