interface OpenApiOperation {
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: { example?: unknown; $ref?: string }; example?: unknown; examples?: unknown }> }>;
}

/**
 * Operations of an OpenAPI document that a client could not learn to call from the document alone:
 * no summary, or no success response with an example (file downloads and 204s need no example).
 */
export function undocumentedOperations(document: { paths: Record<string, Record<string, OpenApiOperation>> }): string[] {
  const problems: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) problems.push(`${name}: no summary`);
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
