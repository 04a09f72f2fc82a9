import { Admin, KafkaJSAggregateError, KafkaJSProtocolError, PartitionMetadata } from 'kafkajs';
import { ensureTopics, TopicsNotReadyError, waitForPartitionLeaders } from './topic-readiness';

type Partitions = Record<string, number[]>; // topic → leader of each partition (-1: none yet)

function partition(partitionId: number, leader: number): PartitionMetadata {
  return { partitionId, leader, partitionErrorCode: leader < 0 ? 5 : 0, replicas: [0], isr: leader < 0 ? [] : [0] };
}

function protocolError(type: string, retriable: boolean): KafkaJSProtocolError {
  // The shape kafkajs builds from a broker's error code.
  const fromBroker = { name: 'KafkaJSProtocolError', message: `broker said ${type}`, type, code: 1, retriable };
  const Protocol = KafkaJSProtocolError as unknown as new (e: unknown, options: { retriable: boolean }) => KafkaJSProtocolError;
  return new Protocol(fromBroker, { retriable });
}

/** An admin whose answers follow a script: metadata answers are consumed in order, the last one repeats. */
function scriptedAdmin(script: { existing?: string[]; createErrors?: unknown[]; metadata: (Partitions | Error)[]; offsetErrors?: Record<string, unknown[]> }) {
  const metadata = [...script.metadata];
  const offsetErrors = Object.fromEntries(Object.entries(script.offsetErrors ?? {}).map(([topic, errors]) => [topic, [...errors]]));
  const createErrors = [...(script.createErrors ?? [])];
  const admin = {
    listTopics: jest.fn(async () => script.existing ?? []),
    createTopics: jest.fn(async () => {
      const error = createErrors.shift();
      if (error) throw error;
      return true;
    }),
    fetchTopicMetadata: jest.fn(async ({ topics }: { topics: string[] }) => {
      const answer = metadata.length > 1 ? (metadata.shift() as Partitions | Error) : metadata[0];
      if (answer instanceof Error) throw answer;
      return {
        topics: topics.filter((t) => t in answer).map((name) => ({ name, partitions: answer[name].map((leader, i) => partition(i, leader)) })),
      };
    }),
    fetchTopicOffsets: jest.fn(async (topic: string) => {
      const error = offsetErrors[topic]?.shift();
      if (error) throw error;
      return [{ partition: 0, offset: '0', high: '0', low: '0' }];
    }),
  };
  return admin as typeof admin & Admin;
}

/** A clock the sleeps advance, so the overall bound is tested without waiting. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    options: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}

describe('waitForPartitionLeaders', () => {
  it('returns once every partition of every topic has a leader, backing off between looks', async () => {
    const admin = scriptedAdmin({
      metadata: [
        protocolError('UNKNOWN_TOPIC_OR_PARTITION', true),
        { a: [0, -1, -1], b: [-1] },
        { a: [0, 0, -1], b: [0] },
        { a: [0, 0, 0], b: [0] },
      ],
    });
    const clock = fakeClock();
    await waitForPartitionLeaders(admin, ['a', 'b'], { ...clock.options, initialDelayMs: 100, maxDelayMs: 300 });
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(4);
    // Only the topics still pending are asked for again.
    expect(admin.fetchTopicMetadata.mock.calls[3][0]).toEqual({ topics: ['a'] });
    expect(clock.sleeps).toEqual([100, 200, 300]);
  });

  it('waits until the leaders answer for their partitions, not only until the metadata names them', async () => {
    const admin = scriptedAdmin({ metadata: [{ a: [0], b: [0] }], offsetErrors: { b: [protocolError('NOT_LEADER_FOR_PARTITION', true), protocolError('UNKNOWN_TOPIC_OR_PARTITION', true)] } });
    await waitForPartitionLeaders(admin, ['a', 'b'], fakeClock().options);
    expect(admin.fetchTopicOffsets.mock.calls.map(([topic]) => topic)).toEqual(['a', 'b', 'b', 'b']);
    expect(admin.fetchTopicMetadata.mock.calls.map(([request]) => request)).toEqual([{ topics: ['a', 'b'] }, { topics: ['b'] }, { topics: ['b'] }]);
  });

  it('treats a topic missing from the metadata as not ready', async () => {
    const admin = scriptedAdmin({ metadata: [{ a: [0] }, { a: [0], b: [0] }] });
    await waitForPartitionLeaders(admin, ['a', 'b'], fakeClock().options);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(2);
  });

  it('gives up after the overall bound, naming the topics still without leaders', async () => {
    const admin = scriptedAdmin({ metadata: [{ a: [0], b: [-1, 0] }] });
    const clock = fakeClock();
    const wait = waitForPartitionLeaders(admin, ['a', 'b'], { ...clock.options, timeoutMs: 5_000, initialDelayMs: 100, maxDelayMs: 1_000 });
    await expect(wait).rejects.toThrow(TopicsNotReadyError);
    await expect(wait).rejects.toThrow('after the wait: b');
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(5_000);
    expect(Math.max(...clock.sleeps)).toBe(1_000);
  });

  it('does not retry errors that are not transient', async () => {
    const admin = scriptedAdmin({ metadata: [protocolError('TOPIC_AUTHORIZATION_FAILED', false), { a: [0] }] });
    await expect(waitForPartitionLeaders(admin, ['a'], fakeClock().options)).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(1);
  });
});

describe('ensureTopics', () => {
  const wanted = [
    { topic: 'a', numPartitions: 1 },
    { topic: 'b', numPartitions: 2 },
  ];

  it('creates only the missing topics without kafkajs’ own leader wait, then waits for leaders of all of them', async () => {
    const admin = scriptedAdmin({ existing: ['a'], metadata: [{ a: [0], b: [-1, -1] }, { a: [0], b: [0, 0] }] });
    const missing = await ensureTopics(admin, wanted, fakeClock().options);
    expect(missing).toEqual(['b']);
    expect(admin.createTopics).toHaveBeenCalledWith({ topics: [{ topic: 'b', numPartitions: 2 }], waitForLeaders: false });
    expect(admin.fetchTopicMetadata).toHaveBeenLastCalledWith({ topics: ['b'] });
  });

  it('counts topics another service created at the same moment as created, and still waits for their leaders', async () => {
    const raced = new KafkaJSAggregateError('Topic creation errors', [
      protocolError('TOPIC_ALREADY_EXISTS', false),
      protocolError('TOPIC_ALREADY_EXISTS', false),
    ]);
    const admin = scriptedAdmin({ existing: [], createErrors: [raced], metadata: [{ a: [-1], b: [0, -1] }, { a: [0], b: [0, 0] }] });
    await expect(ensureTopics(admin, wanted, fakeClock().options)).resolves.toEqual(['a', 'b']);
    expect(admin.createTopics).toHaveBeenCalledTimes(1);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(2);
  });

  it('retries transient creation errors within the bound', async () => {
    const admin = scriptedAdmin({
      existing: [],
      createErrors: [protocolError('NOT_CONTROLLER', true), protocolError('REQUEST_TIMED_OUT', true)],
      metadata: [{ a: [0], b: [0, 0] }],
    });
    const clock = fakeClock();
    await ensureTopics(admin, wanted, { ...clock.options, initialDelayMs: 50 });
    expect(admin.createTopics).toHaveBeenCalledTimes(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('fails on a creation error that is neither transient nor "already exists"', async () => {
    const invalid = new KafkaJSAggregateError('Topic creation errors', [
      protocolError('INVALID_REPLICATION_FACTOR', false),
    ]);
    const admin = scriptedAdmin({ existing: ['a'], createErrors: [invalid], metadata: [{ a: [0], b: [0, 0] }] });
    await expect(ensureTopics(admin, wanted, fakeClock().options)).rejects.toBe(invalid);
    expect(admin.fetchTopicMetadata).not.toHaveBeenCalled();
  });
});
