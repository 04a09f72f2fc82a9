interface OpenApiOperation {
  summary?: string;
  'x-public'?: boolean;
  'x-rate-limited'?: boolean;
  parameters?: Array<{ name: string; in: string; schema?: { maximum?: number } }>;
  responses?: Record<string, { content?: Record<string, { schema?: { example?: unknown; $ref?: string }; example?: unknown; examples?: unknown }> }>;
}

/** Public routes that answer probes and scrapers, not people: they are not rate-limited. */
const UNLIMITED_PUBLIC_PATHS = /^\/(health|metrics)(\/|$)/;
/** The most items one page of a list may ask for. */
export const MAX_PAGE_LIMIT = 200;

/**
 * Operations of an OpenAPI document that a client could not learn to call from the document alone:
 * no summary, or no success response with an example (file downloads and 204s need no example). Also the abuse
 * limits the document shows: a public route (no token) without @RateLimited, a `limit` query parameter without a
 * maximum of at most 200.
 */
export function undocumentedOperations(document: { paths: Record<string, Record<string, OpenApiOperation>> }): string[] {
  const problems: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) problems.push(`${name}: no summary`);
      if (operation['x-public'] && !operation['x-rate-limited'] && !UNLIMITED_PUBLIC_PATHS.test(path)) problems.push(`${name}: public but not @RateLimited`);
      const limit = operation.parameters?.find((parameter) => parameter.in === 'query' && parameter.name === 'limit');
      if (limit && !(typeof limit.schema?.maximum === 'number' && limit.schema.maximum <= MAX_PAGE_LIMIT)) problems.push(`${name}: query limit not capped at ${MAX_PAGE_LIMIT}`);
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) {
        problems.push(`${name}: no success response`);
        continue;
      }
      const documented = success.some(([status, response]) => {
        if (status === '204') return true;
        return Object.entries(response.content ?? {}).some(
          ([type, media]) => !type.includes('json') || media.example !== undefined || media.examples !== undefined || media.schema?.example !== undefined,
        );
      });
      if (!documented) problems.push(`${name}: no example of its answer`);
    }
  }
  return problems;
}
