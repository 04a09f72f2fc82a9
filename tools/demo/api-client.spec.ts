import { ApiClient, isDroppedConnection, retryDroppedConnection } from './api-client';

/** What Node's fetch throws when the server closed the keep-alive connection under the request. */
function dropped(code = 'UND_ERR_SOCKET'): TypeError {
  const cause = Object.assign(new Error('other side closed'), { code });
  return new TypeError('fetch failed', { cause });
}

describe('retryDroppedConnection', () => {
  it('sends again when the connection was dropped, and returns the answer', async () => {
    const ok = new Response('{}', { status: 200 });
    const send = jest.fn<Promise<Response>, []>().mockRejectedValueOnce(dropped()).mockRejectedValueOnce(dropped('ECONNRESET')).mockResolvedValueOnce(ok);
    await expect(retryDroppedConnection(send)).resolves.toBe(ok);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after the attempts, with the error', async () => {
    const send = jest.fn<Promise<Response>, []>().mockRejectedValue(dropped());
    await expect(retryDroppedConnection(send, 2)).rejects.toThrow('fetch failed');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not retry a refused connection (the service is down) or other errors', async () => {
    const refused = jest.fn<Promise<Response>, []>().mockRejectedValue(dropped('ECONNREFUSED'));
    await expect(retryDroppedConnection(refused)).rejects.toThrow('fetch failed');
    expect(refused).toHaveBeenCalledTimes(1);
    expect(isDroppedConnection(new Error('other side closed'))).toBe(false);
  });
});

describe('ApiClient', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('retries a GET over a dropped connection but never a POST, which may have been processed', async () => {
    const fetchMock = jest.fn().mockRejectedValueOnce(dropped()).mockResolvedValueOnce(new Response('{"items":[]}', { status: 200 }));
    global.fetch = fetchMock as unknown as typeof fetch;
    const client = new ApiClient('http://localhost:3003', 'token');
    await expect(client.get('/documents')).resolves.toEqual({ items: [] });
    expect(fetchMock).toHaveBeenCalledTimes(2);

    fetchMock.mockReset().mockRejectedValueOnce(dropped()).mockResolvedValueOnce(new Response('{}', { status: 201 }));
    await expect(client.post('/documents', {})).rejects.toThrow('fetch failed');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
