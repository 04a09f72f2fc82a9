import { isDatabaseUnavailable } from '@tequio/messaging';
import { createServer, Server, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { loadServiceConfig } from '../config/service-config';
import { ServiceDefinition } from '../service-definition';
import { dataSourceOptions } from './migrations';

const probe: ServiceDefinition = { name: 'probe', title: 'Probe', description: 'A service without features.', defaultPort: 3999, features: [] };

/* A "server" that accepts connections and never says a word: what a half-dead database host looks like to a client. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

describe('dataSourceOptions: the pool never waits forever for the database', () => {
  it('gives up on a connection after DATABASE_CONNECT_TIMEOUT_MS, with an error the platform answers 503', async () => {
    const { server, port, sockets } = await silentServer();
    try {
      const config = loadServiceConfig('probe', 3999, {
        DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/tequio`,
        KAFKA_BROKERS: 'k:9092',
        AUTH_DEV_KEYS: 'true',
        DATABASE_CONNECT_TIMEOUT_MS: '300',
      });
      const source = new DataSource(dataSourceOptions(config, probe));
      const started = Date.now();
      const failure = await source.initialize().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(failure).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  }, 10_000);

  it('keeps the sockets alive and takes its wait from the configuration', () => {
    const config = loadServiceConfig('probe', 3999, { DATABASE_URL: 'postgres://u:p@db:5432/tequio', KAFKA_BROKERS: 'k:9092', AUTH_DEV_KEYS: 'true' });
    const { extra } = dataSourceOptions(config, probe) as { extra: Record<string, unknown> };
    expect(extra).toMatchObject({ connectionTimeoutMillis: 5000, keepAlive: true, max: 10 });
  });
});
