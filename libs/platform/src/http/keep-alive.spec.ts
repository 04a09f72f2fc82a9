import { Agent, createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KEEP_ALIVE_TIMEOUT_MS, useKeepAlive } from './keep-alive';

/** GETs / through the agent and answers with the client-side port: the same port means the same connection. */
function get(port: number, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path: '/', agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(req.socket?.localPort ?? -1));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('keep-alive of the services’ HTTP server', () => {
  let server: Server;
  let agent: Agent;

  beforeEach(async () => {
    server = createServer((_req, res) => res.end('ok'));
    useKeepAlive(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterEach(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps an idle connection open past Node’s default (5 s, closed about a second later), so a client reusing it is not reset', async () => {
    const port = (server.address() as AddressInfo).port;
    const first = await get(port, agent);
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await get(port, agent)).toBe(first);
  }, 15_000);

  it('outlives the 60 s idle timeout of proxies, with the headers timeout above it as Node requires', () => {
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
