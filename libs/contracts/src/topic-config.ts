import { deadLetterTopic, Topic } from './topics';

/**
 * How a topic keeps its messages. Every topic is keyed by aggregate id and its events carry the aggregate's whole
 * (non-personal) state with a version, so compaction keeps exactly what a new consumer needs to rebuild a replica
 * or replay reporting from the beginning: the latest state of every record, forever.
 */
export interface TopicConfiguration {
  topic: string;
  /** Why the topic keeps what it keeps: `state` (latest per key, forever), `history` (every event, forever), `dead-letter`. */
  kind: 'state' | 'history' | 'dead-letter';
  partitions: number;
  /** Kafka topic-level configuration entries, applied as they are by the services and the deploy tooling. */
  config: Record<string, string>;
}

const DAY_MS = 86_400_000;

/** Latest state per key, forever; the last week stays uncompacted so live consumers see every change. */
const STATE: Record<string, string> = {
  'cleanup.policy': 'compact',
  'retention.ms': '-1',
  'min.compaction.lag.ms': String(7 * DAY_MS),
  'min.cleanable.dirty.ratio': '0.5',
};

/** Every event, forever: the report approval history is the audit trail other systems read. */
const HISTORY: Record<string, string> = { 'cleanup.policy': 'delete', 'retention.ms': '-1' };

/** Parked events wait a month for someone to look at them and replay them. */
const DEAD_LETTER: Record<string, string> = { 'cleanup.policy': 'delete', 'retention.ms': String(30 * DAY_MS) };

const KIND_OF_TOPIC: Record<Topic, TopicConfiguration['kind']> = {
  [Topic.CatalogMunicipalityV1]: 'state',
  [Topic.CatalogUnitV1]: 'state',
  [Topic.CatalogProgramV1]: 'state',
  [Topic.CatalogPlanV1]: 'state',
  [Topic.CatalogIndicatorV1]: 'state',
  [Topic.CatalogCalendarV1]: 'state',
  [Topic.CatalogSemaphoreV1]: 'state',
  [Topic.AgendaActivityV1]: 'state',
  [Topic.AgendaCabinetMeetingV1]: 'state',
  [Topic.AgendaWeeklySubmissionV1]: 'state',
  [Topic.AgendaAllianceV1]: 'state',
  [Topic.CorrespondenceDocumentV1]: 'state',
  [Topic.CorrespondenceHearingV1]: 'state',
  [Topic.TransparencyRequestV1]: 'state',
  [Topic.TransparencyAppealV1]: 'state',
  [Topic.TransparencyComplaintV1]: 'state',
  [Topic.TransparencyTrainingV1]: 'state',
  [Topic.TransparencyAdvisoryV1]: 'state',
  [Topic.TransparencyMonitoringV1]: 'state',
  [Topic.ReportingQuarterV1]: 'state',
  [Topic.ReportingReportV1]: 'history',
};

/** Partitions bound how many consumers of a group work in parallel; 6 leaves room to scale reporting. */
export const DEFAULT_TOPIC_PARTITIONS = 6;

function configurationOf(kind: TopicConfiguration['kind']): Record<string, string> {
  return { ...(kind === 'state' ? STATE : kind === 'history' ? HISTORY : DEAD_LETTER) };
}

/** Every topic of the platform with its configuration, dead-letter topics included: the one place it is declared. */
export const TOPIC_CONFIGURATIONS: readonly TopicConfiguration[] = (Object.entries(KIND_OF_TOPIC) as [Topic, TopicConfiguration['kind']][]).flatMap(
  ([topic, kind]) => [
    { topic, kind, partitions: DEFAULT_TOPIC_PARTITIONS, config: configurationOf(kind) },
    { topic: deadLetterTopic(topic), kind: 'dead-letter' as const, partitions: 1, config: configurationOf('dead-letter') },
  ],
);

const byTopic = new Map(TOPIC_CONFIGURATIONS.map((configuration) => [configuration.topic, configuration]));

export function topicConfiguration(topic: string): TopicConfiguration | undefined {
  return byTopic.get(topic);
}
