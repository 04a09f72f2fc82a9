import { Admin, ITopicConfig, KafkaJSAggregateError } from 'kafkajs';

/** How long topic setup may take in all, and how it backs off between attempts. */
export interface TopicReadinessOptions {
  /** Overall bound, from the first attempt (default 60 s). */
  timeoutMs?: number;
  /** First pause between attempts (default 100 ms); doubles up to maxDelayMs. */
  initialDelayMs?: number;
  /** Longest pause between attempts (default 2 s). */
  maxDelayMs?: number;
  /** For tests: how to wait and what time it is. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class TopicsNotReadyError extends Error {
  constructor(readonly topics: string[], cause?: unknown) {
    super(
      `Topics without a leader answering for every partition after the wait: ${topics.join(', ')}` +
        (cause instanceof Error ? ` (last error: ${cause.message})` : ''),
    );
  }
}

interface ErrorLike {
  type?: string;
  retriable?: boolean;
  errors?: unknown[];
}

/** True when the error only says that some topics exist already (another replica or service created them first). */
export function isTopicAlreadyExists(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  if (!e) return false;
  if (e.type === 'TOPIC_ALREADY_EXISTS') return true;
  const nested = e instanceof KafkaJSAggregateError || Array.isArray(e.errors) ? (e.errors ?? []) : [];
  return nested.length > 0 && nested.every(isTopicAlreadyExists);
}

/** True for errors worth another attempt: kafkajs marks them retriable (leader election, coordinator loading, connection lost…). */
export function isTransientKafkaError(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  if (!e) return false;
  if (e.retriable === true) return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isTransientKafkaError);
}

class Backoff {
  private readonly deadline: number;
  private delay: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxDelay: number;

  constructor(options: TopicReadinessOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.deadline = this.now() + (options.timeoutMs ?? 60_000);
    this.delay = options.initialDelayMs ?? 100;
    this.maxDelay = options.maxDelayMs ?? 2_000;
  }

  /** Waits before the next attempt; false when the overall bound has passed. */
  async pause(): Promise<boolean> {
    const left = this.deadline - this.now();
    if (left <= 0) return false;
    await this.sleep(Math.min(this.delay, left));
    this.delay = Math.min(this.delay * 2, this.maxDelay);
    return true;
  }
}

/**
 * The topics among `topics` that lack metadata or a leader for some partition, or whose leaders do not answer for
 * them yet: right after creation the metadata can name a leader before that broker serves the partition, and a
 * consumer's first offset lookup then fails with "This server is not the leader for that topic-partition".
 */
async function topicsNotReady(admin: Admin, topics: string[]): Promise<string[]> {
  const { topics: described } = await admin.fetchTopicMetadata({ topics });
  const withoutLeaders = topics.filter((topic) => {
    const partitions = described.find((t) => t.name === topic)?.partitions ?? [];
    return partitions.length === 0 || partitions.some((p) => (p.partitionErrorCode ?? 0) !== 0 || p.leader == null || p.leader < 0);
  });
  const unserved = await Promise.all(
    topics
      .filter((topic) => !withoutLeaders.includes(topic))
      .map(async (topic) => {
        try {
          await admin.fetchTopicOffsets(topic);
          return [];
        } catch (error) {
          if (!isTransientKafkaError(error)) throw error;
          return [topic];
        }
      }),
  );
  return [...withoutLeaders, ...unserved.flat()];
}

/**
 * Waits until every partition of every topic has a leader that answers for it (fetchTopicMetadata, then the
 * offsets of each topic; capped exponential backoff, bounded overall). A topic another client has just created exists before its partitions are hosted; producing to it or
 * joining a group on it then fails with "This server does not host this topic-partition".
 */
export function waitForPartitionLeaders(admin: Admin, topics: string[], options: TopicReadinessOptions = {}): Promise<void> {
  return waitWithBackoff(admin, topics, new Backoff(options));
}

async function waitWithBackoff(admin: Admin, topics: string[], backoff: Backoff): Promise<void> {
  if (topics.length === 0) return;
  let pending = [...new Set(topics)];
  let lastError: unknown;
  for (;;) {
    try {
      pending = await topicsNotReady(admin, pending);
      lastError = undefined;
      if (pending.length === 0) return;
    } catch (error) {
      // UNKNOWN_TOPIC_OR_PARTITION and LEADER_NOT_AVAILABLE are retriable in kafkajs: the topic is on its way.
      if (!isTransientKafkaError(error)) throw error;
      lastError = error;
    }
    if (!(await backoff.pause())) throw new TopicsNotReadyError(pending, lastError);
  }
}

/**
 * Creates the missing topics and waits until all of them (created here, by someone else, or earlier) have a leader for
 * every partition. Safe when several clients do it at once: "already exists" counts as success and transient errors
 * are retried within the same bound. Returns the topics that were missing when it looked (created by this call or by
 * a concurrent one).
 */
export async function ensureTopics(admin: Admin, topics: ITopicConfig[], options: TopicReadinessOptions = {}): Promise<string[]> {
  const backoff = new Backoff(options);
  let missing: ITopicConfig[] = [];
  for (;;) {
    try {
      const existing = new Set(await admin.listTopics());
      missing = topics.filter((t) => !existing.has(t.topic));
      // kafkajs skips its own leader wait when any topic already existed; the wait below covers every topic.
      if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: false });
      break;
    } catch (error) {
      if (isTopicAlreadyExists(error)) break;
      if (!isTransientKafkaError(error) || !(await backoff.pause())) throw error;
    }
  }
  await waitWithBackoff(
    admin,
    topics.map((t) => t.topic),
    backoff,
  );
  return missing.map((t) => t.topic);
}
