import { provisionAllTopics } from '@tequio/deploy-tools';
import { waitFor } from '@tequio/devstack';
import { requireEnv } from '@tequio/testing';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';

/**
 * The topic-provisioning Job's program against the real broker, on topics of its own (the shared test broker's
 * platform topics belong to the other tests): it creates, grows and reconfigures, and a second run changes nothing.
 */
describe('topic provisioning', () => {
  let admin: Admin;
  const prefix = `provision-${Math.random().toString(36).slice(2, 8)}`;
  const state = { topic: `${prefix}.state`, kind: 'state' as const, partitions: 4, config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' } };
  const deadLetter = { topic: `${prefix}.state.dlq`, kind: 'dead-letter' as const, partitions: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '2592000000' } };

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'provision-test', brokers: requireEnv('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [state.topic, deadLetter.topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  async function topicState(topic: string) {
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy', 'retention.ms'] }],
    });
    const config = Object.fromEntries(resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
    return { partitions: metadata.partitions.length, config };
  }

  it('creates missing topics with their partitions and configuration', async () => {
    const result = await provisionAllTopics(admin, 1, [state, deadLetter]);
    expect(result.created.sort()).toEqual([state.topic, deadLetter.topic].sort());
    expect(await topicState(state.topic)).toEqual({ partitions: 4, config: state.config });
    expect(await topicState(deadLetter.topic)).toEqual({ partitions: 1, config: deadLetter.config });
  });

  it('adds partitions and restores the configuration of existing topics', async () => {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: state.topic, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }],
    });
    const result = await provisionAllTopics(admin, 1, [{ ...state, partitions: 6 }, deadLetter]);
    expect(result).toEqual({ created: [], partitionsAdded: [state.topic], configured: [state.topic, deadLetter.topic] });
    // The broker applies configuration changes through its metadata log: give it a moment.
    await waitFor('the configuration to be restored', async () => (await topicState(state.topic)).config['cleanup.policy'] === 'compact', 10_000, 200).catch(
      () => undefined,
    );
    expect(await topicState(state.topic)).toEqual({ partitions: 6, config: state.config });
  });

  it('never removes partitions (Kafka cannot): a lower declared count leaves the topic as it is', async () => {
    const result = await provisionAllTopics(admin, 1, [{ ...state, partitions: 2 }]);
    expect(result.partitionsAdded).toEqual([]);
    expect((await topicState(state.topic)).partitions).toBe(6);
  });
});
