import { Topic, topicConfiguration, UnitCreated, UnitDeleted, UnitUpdated } from '@tequio/contracts';
import { alignTopicConfigurations, ServiceDefinition } from '@tequio/platform';
import { bearer, cloudEventMessage, createTestDatabase, produceRaw, registerTenants, RunningService, startTestServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { unitDirectoryFeature } from '@tequio/unit-directory';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** A service that only replicates the catalog's units, as every consumer of the topic does. */
const replicaService: ServiceDefinition = {
  name: 'rebuild',
  title: 'Replica rebuild',
  description: 'A unit replica for the rebuild test.',
  defaultPort: 3997,
  features: [unitDirectoryFeature],
};

/*
 * A service deployed later (or a reset consumer group) must learn every unit, however long ago it last changed.
 * The test shortens the topic's retention to a second, lets it pass, and rebuilds a replica from the beginning.
 */
describe('replica rebuild from a state topic (real PostgreSQL and Kafka)', () => {
  const topic = Topic.CatalogUnitV1;
  const tenant = uniqueTenant('rebuild');
  const reader = bearer(['planning'], { tenant });
  let admin: Admin;
  const services: RunningService[] = [];
  const databases: TestDatabase[] = [];

  async function startReplica(): Promise<RunningService> {
    const database = await createTestDatabase();
    databases.push(database);
    const service = await startTestServiceInProcess(replicaService, database);
    // After the start, which migrates the probe's own schema (its municipality replica included).
    await registerTenants(database, tenant);
    services.push(service);
    return service;
  }

  async function topicConfig(): Promise<Record<string, string>> {
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries(described.resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
  }

  async function replicaOf(service: RunningService, code: string): Promise<{ name: string; version: number } | undefined> {
    const response = await service.http().get(`/catalog-units?code=${code}`).set(reader).expect(200);
    return response.body.items[0];
  }

  async function untilReplicaEquals(service: RunningService, expected: Record<string, { name: string; version: number } | undefined>) {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const actual: Record<string, unknown> = {};
      for (const code of Object.keys(expected)) {
        const item = await replicaOf(service, code);
        actual[code] = item ? { name: item.name, version: item.version } : undefined;
      }
      if (JSON.stringify(actual) === JSON.stringify(expected)) return;
      if (Date.now() > deadline) expect(actual).toEqual(expected);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'tequio-tests', brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    // Give the topic its declared configuration back for the tests that follow.
    await alignTopicConfigurations(admin, [topic]).catch(() => undefined);
    await admin?.disconnect();
    for (const service of services) await service.close();
    for (const database of databases) await database.drop();
  });

  it('provisions the state topic compacted and kept forever, and a new group rebuilds the replica after the retention passed', async () => {
    const first = await startReplica();
    const declared = topicConfiguration(topic)?.config ?? {};
    expect(declared['cleanup.policy']).toBe('compact');
    expect(await topicConfig()).toMatchObject(declared);

    const units = Array.from({ length: 4 }, (_, i) => ({ unitId: randomUUID(), code: `RB-${i + 1}` }));
    const snapshot = (unit: (typeof units)[number], version: number) => ({
      ...unit,
      name: `Unidad ${unit.code} v${version}`,
      kind: 'unidad' as const,
      parentId: null,
      activeFrom: '2025-01-01',
      activeTo: null,
      version,
    });
    const messages = units.flatMap((unit) => [
      cloudEventMessage(UnitCreated, { subject: unit.unitId, data: snapshot(unit, 1), tenant }),
      cloudEventMessage(UnitUpdated, { subject: unit.unitId, data: snapshot(unit, 2), tenant }),
    ]);
    // RB-4 was deleted: the rebuilt replica must not hold it.
    messages.push(cloudEventMessage(UnitDeleted, { subject: units[3].unitId, data: snapshot(units[3], 3), tenant }));
    await produceRaw(topic, messages);
    const expected = {
      'RB-1': { name: 'Unidad RB-1 v2', version: 2 },
      'RB-2': { name: 'Unidad RB-2 v2', version: 2 },
      'RB-3': { name: 'Unidad RB-3 v2', version: 2 },
      'RB-4': undefined,
    };
    await untilReplicaEquals(first, expected);

    // The retention the test sets: one second, segments rolled every second, the cleaner eager. The topic's own
    // cleanup policy stays: under "delete" these events would now be gone.
    const policy = (await topicConfig())['cleanup.policy'];
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [
            { name: 'cleanup.policy', value: policy },
            { name: 'retention.ms', value: '1000' },
            { name: 'segment.ms', value: '1000' },
            { name: 'min.compaction.lag.ms', value: '0' },
            { name: 'min.cleanable.dirty.ratio', value: '0.01' },
            { name: 'delete.retention.ms', value: '1000' },
          ],
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 2500));
    // A later event closes the old segment, which retention (or compaction) may now act on.
    const roller = { unitId: randomUUID(), code: 'RB-ROLL' };
    await produceRaw(topic, [cloudEventMessage(UnitCreated, { subject: roller.unitId, data: snapshot(roller, 1), tenant })]);
    await new Promise((r) => setTimeout(r, 4000));

    const rebuilt = await startReplica();
    await untilReplicaEquals(rebuilt, { ...expected, 'RB-ROLL': { name: 'Unidad RB-ROLL v1', version: 1 } });
  }, 120_000);
});
