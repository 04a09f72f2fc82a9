import { createTestDatabase, spawnService, TestDatabase, uniqueGroup } from '@tequio/testing';
import { Kafka, logLevel } from 'kafkajs';

/** SIGTERM (what Kubernetes sends) must stop a service promptly, leaving its consumer group. */
describe('graceful shutdown', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('leaves the consumer group and exits on SIGTERM', async () => {
    const group = uniqueGroup('shutdown');
    const service = await spawnService('transparency', { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group });
    const admin = new Kafka({ clientId: 'shutdown-test', brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const members = async () => (await admin.describeGroups([group])).groups[0].members.length;
      const joinedBy = Date.now() + 30_000;
      while ((await members()) === 0 && Date.now() < joinedBy) await new Promise((r) => setTimeout(r, 200));
      expect(await members()).toBe(1);

      const stoppedAt = Date.now();
      await service.stop();
      expect(Date.now() - stoppedAt).toBeLessThan(15_000);
      // Left, not timed out: the group is empty at once, without waiting for the session timeout.
      expect(await members()).toBe(0);
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});
