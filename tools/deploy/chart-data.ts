/**
 * What the Helm chart needs to know about the platform, taken from where it is declared: the topics and their
 * configuration from `libs/contracts` (TOPIC_CONFIGURATIONS), and for each service its port and the topics it
 * produces, consumes and dead-letters into from its ServiceDefinition. The chart reads the generated
 * `helm/tequio/files/platform.json`; a test fails when that copy is stale.
 */
import { deadLetterTopic, TOPIC_CONFIGURATIONS } from '@tequio/contracts';
import { consumedTopics, type ServiceDefinition } from '@tequio/platform';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, serviceNames } from './build-service';

export const CHART_DIR = join(REPO_ROOT, 'helm', 'tequio');
export const CHART_DATA_FILE = join(CHART_DIR, 'files', 'platform.json');

/** The parts of a ServiceDefinition the deployment depends on. */
export interface DeployedService {
  name: string;
  defaultPort: number;
  consumes: string[];
}

/** A manifest lists consumed topics directly (`consumes`) or per feature (`features[].consumes`). */
interface ServiceManifest {
  name: string;
  defaultPort: number;
  consumes?: string[];
  features?: Array<{ consumes?: string[] }>;
}

export interface ServiceKafkaAccess {
  port: number;
  /** Topics the service publishes (its own aggregates) and the dead-letter topics of what it consumes. */
  writes: string[];
  /** Topics its consumer group reads. */
  reads: string[];
}

export interface ChartData {
  topics: Array<{ name: string; kind: string; partitions: number; config: Record<string, string> }>;
  services: Record<string, ServiceKafkaAccess>;
}

function isServiceManifest(value: unknown): value is ServiceManifest {
  const candidate = value as Partial<ServiceManifest> | undefined;
  return (
    typeof candidate?.name === 'string' &&
    typeof candidate.defaultPort === 'number' &&
    (Array.isArray(candidate.consumes) || Array.isArray(candidate.features))
  );
}

/**
 * Loads a service's manifest (the ServiceDefinition exported by a top-level file of `apps/<service>/src`, not main.ts)
 * at run time: tooling never imports an app statically, but the deployment must follow what each service declares.
 */
export function loadServiceDefinition(service: string): DeployedService {
  const sourceDir = join(REPO_ROOT, 'apps', service, 'src');
  const candidates = readdirSync(sourceDir).filter((file) => file.endsWith('.ts') && file !== 'main.ts' && !file.endsWith('.spec.ts'));
  for (const file of candidates.sort()) {
    const exported = require(join(sourceDir, file)) as Record<string, unknown>;
    const manifest = Object.values(exported).find(isServiceManifest);
    if (manifest && manifest.name === service) {
      // The platform's own features (the tenant registry's replica) count too: consumedTopics adds them.
      const consumes = manifest.consumes ?? consumedTopics(manifest as unknown as ServiceDefinition);
      return { name: manifest.name, defaultPort: manifest.defaultPort, consumes: [...new Set(consumes)] };
    }
  }
  throw new Error(`apps/${service}/src exports no ServiceDefinition named "${service}"`);
}

export function kafkaAccessOf(definition: DeployedService): ServiceKafkaAccess {
  const produced = TOPIC_CONFIGURATIONS.filter((c) => c.kind !== 'dead-letter' && c.topic.startsWith(`tequio.${definition.name}.`)).map(
    (c) => c.topic,
  );
  const consumed = [...new Set(definition.consumes)].sort();
  return {
    port: definition.defaultPort,
    writes: [...new Set([...produced, ...consumed.map(deadLetterTopic)])].sort(),
    reads: consumed,
  };
}

export function chartData(definitions: DeployedService[] = serviceNames().map(loadServiceDefinition)): ChartData {
  return {
    topics: TOPIC_CONFIGURATIONS.map((c) => ({ name: c.topic, kind: c.kind, partitions: c.partitions, config: { ...c.config } })).sort(
      (a, b) => a.name.localeCompare(b.name),
    ),
    services: Object.fromEntries(definitions.map((definition) => [definition.name, kafkaAccessOf(definition)])),
  };
}

export function renderChartData(data: ChartData = chartData()): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
