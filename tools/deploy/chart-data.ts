/**
 * What the Helm chart needs to know about the platform, taken from where it is declared: the topics and their
 * configuration from `libs/contracts` (TOPIC_CONFIGURATIONS), and for each service its port and the topics it
 * produces, consumes and dead-letters into from its ServiceDefinition. The chart reads the generated
 * `helm/tequio/files/platform.json`; a test fails when that copy is stale.
 */
import { deadLetterTopic, TOPIC_CONFIGURATIONS } from '@tequio/contracts';
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

function isServiceDefinition(value: unknown): value is DeployedService {
  const candidate = value as Partial<DeployedService> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.defaultPort === 'number' && Array.isArray(candidate.consumes);
}

/**
 * Loads a service's manifest (`apps/<service>/src/<service>.service.ts`) at run time: tooling never imports an app
 * statically, but the deployment must follow what each service really declares.
 */
export function loadServiceDefinition(service: string): DeployedService {
  const exported = require(join(REPO_ROOT, 'apps', service, 'src', `${service}.service`)) as Record<string, unknown>;
  const definition = Object.values(exported).find(isServiceDefinition);
  if (!definition) throw new Error(`apps/${service}/src/${service}.service.ts exports no ServiceDefinition`);
  return definition;
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
