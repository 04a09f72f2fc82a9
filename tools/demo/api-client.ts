/*
 * A small HTTP client for the demo loader: JSON calls with a bearer token, page-by-page listing, and patience for
 * the few seconds a service's replica needs to learn catalog's units and indicators from the broker.
 */

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${url} → ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

type Query = Record<string, string | number | boolean | undefined>;

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** The same service seen with another user's token. */
  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<{ status: number; body: T }> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const isForm = body instanceof FormData;
    const send = () =>
      fetch(url, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined || isForm ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      });
    const response = await (IDEMPOTENT.has(method) ? retryDroppedConnection(send) : send());
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text for the error message.
    }
    return { status: response.status, body: parsed as T };
  }

  /** A call that must succeed; otherwise an error naming the call, its status and the service's message. */
  async send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const response = await this.request<T>(method, path, body, query);
    if (response.status >= 300) throw new ApiError(method, new URL(path, this.baseUrl).toString(), response.status, response.body);
    return response.body;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.send<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body: unknown = {}, query?: Query): Promise<T> {
    return this.send<T>('POST', path, body, query);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  /** Every item of a paginated list (`{ items }`), 200 at a time; some lists cap their `total`, so pages decide. */
  async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const PAGE = 200;
    const items: T[] = [];
    for (;;) {
      const page = await this.get<{ items: T[] }>(path, { ...query, limit: PAGE, offset: items.length });
      items.push(...page.items);
      if (page.items.length < PAGE) return items;
    }
  }
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT']);

/** fetch's "fetch failed" when the connection closed or reset under the request, not an answer of the service. */
export function isDroppedConnection(error: unknown): boolean {
  if (!(error instanceof TypeError) || !(error.cause instanceof Error)) return false;
  const code = (error.cause as Error & { code?: string }).code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * A keep-alive connection the service closed as idle can be picked for the next request at the same instant ("other
 * side closed"). The request then never reached the service: an idempotent one is sent again on a fresh connection.
 */
export async function retryDroppedConnection(send: () => Promise<Response>, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || !isDroppedConnection(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * Retries a call the service refuses with a 4xx other than a conflict: right after catalog creates a unit or an
 * indicator, the other services learn it from the broker within seconds, and until then they refuse it.
 */
export async function untilReplicated<T>(call: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const retriable = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 401 && error.status !== 403;
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Runs tasks with at most `limit` in flight: thousands of calls without flooding a small machine. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Polls until `probe` returns a value, e.g. until reporting has replicated what catalog published. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`se agotó la espera de ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
