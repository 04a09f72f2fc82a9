import { undocumentedOperations } from './openapi';

const documented = { summary: 'x', responses: { '200': { content: { 'application/json': { example: {} } } } } };

describe('undocumentedOperations: abuse limits', () => {
  it('names a public route without a rate limit, except health and metrics', () => {
    const document = {
      paths: {
        '/tracking': { post: { ...documented, 'x-public': true } },
        '/feeds/{file}': { get: { ...documented, 'x-public': true, 'x-rate-limited': true } },
        '/health/live': { get: { ...documented, 'x-public': true } },
        '/metrics': { get: { ...documented, 'x-public': true } },
      },
    };
    expect(undocumentedOperations(document)).toEqual(['POST /tracking: public but not @RateLimited']);
  });

  it('names a page limit without a cap of at most 200', () => {
    const limit = (schema: { maximum?: number }) => ({ ...documented, parameters: [{ name: 'limit', in: 'query', schema }] });
    const document = { paths: { '/a': { get: limit({ maximum: 200 }) }, '/b': { get: limit({ maximum: 1000 }) }, '/c': { get: limit({}) } } };
    expect(undocumentedOperations(document)).toEqual(['GET /b: query limit not capped at 200', 'GET /c: query limit not capped at 200']);
  });
});
