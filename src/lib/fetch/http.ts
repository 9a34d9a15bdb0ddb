import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A small HTTP client over Node's own `fetch`: GET only, one request at a time, a timeout that covers
 * the whole response (a server that stalls half-way through a body times out too), and retries with
 * exponential backoff for what is worth retrying: timeouts, dropped or cut-off connections, HTTP 408,
 * 429 and 5xx. `Retry-After` is honoured up to `maxWaitMs`.
 */

export interface HttpOptions {
  userAgent: string;
  /** How long one attempt may take, body included. */
  timeoutMs: number;
  /** Attempts after the first one. */
  retries: number;
  /** The wait before the first retry; doubled before each next one. */
  backoffMs: number;
  /** The longest wait between two attempts, whatever `Retry-After` asks for. */
  maxWaitMs: number;
  /**
   * The least time from the end of one response to the start of the next request (arXiv asks for 3 s
   * between requests; counting from the end keeps the gap the server sees at least this long).
   */
  minIntervalMs?: number;
  /** Told about each retry, for a line on stderr; `label` names what is being downloaded. */
  onRetry?: (label: string, message: string) => void;
}

export type HttpResult =
  | { ok: true; status: number; contentType: string; body: string }
  /** `status` and `body` are there when the server answered with an error that is not worth retrying. */
  | { ok: false; message: string; status?: number; body?: string };

const RETRY_STATUSES = new Set([408, 429]);

function worthRetrying(status: number): boolean {
  return RETRY_STATUSES.has(status) || status >= 500;
}

/** The wait a `Retry-After` header asks for, in milliseconds: seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The wait before retry number `retry` (1 for the first), honouring `Retry-After` within the cap. */
export function retryDelay(retry: number, retryAfterMs: number | undefined, options: HttpOptions): number {
  const backoff = options.backoffMs * 2 ** (retry - 1);
  return Math.min(Math.max(backoff, retryAfterMs ?? 0), options.maxWaitMs);
}

/** `250 ms`, `3 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no complete response within ${formatDuration(timeoutMs)} (timed out)`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown }) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'terminated') {
    return `the connection closed before the whole response arrived (truncated: ${String(cause?.message ?? 'terminated')})`;
  }
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const detail = code ?? (typeof cause?.message === 'string' ? cause.message : undefined);
  return `the request failed: ${message}${detail ? ` (${detail})` : ''}`;
}

function attempts(count: number): string {
  return count === 1 ? '1 attempt' : `${count} attempts`;
}

export interface HttpClient {
  /** GETs `url`; `label` names it in retry messages (the URL by default). */
  get(url: string, accept: string, label?: string): Promise<HttpResult>;
}

/** A client whose requests share the pacing (`minIntervalMs`) and the retry policy. */
export function createHttpClient(options: HttpOptions): HttpClient {
  let lastEnd = Number.NEGATIVE_INFINITY;

  async function pace(): Promise<void> {
    const wait = lastEnd + (options.minIntervalMs ?? 0) - performance.now();
    if (wait > 0) await sleep(wait);
  }

  async function get(url: string, accept: string, label = url): Promise<HttpResult> {
    const total = options.retries + 1;
    for (let attempt = 1; ; attempt += 1) {
      await pace();
      let problem: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await fetch(url, {
          headers: { 'user-agent': options.userAgent, accept },
          redirect: 'follow',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const body = await response.text();
        if (response.ok) {
          return {
            ok: true,
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
            body,
          };
        }
        problem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        if (!worthRetrying(response.status)) {
          return { ok: false, message: problem, status: response.status, body };
        }
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      } catch (error) {
        problem = describeError(error, options.timeoutMs);
      } finally {
        lastEnd = performance.now();
      }
      if (attempt >= total) return { ok: false, message: `${problem}, after ${attempts(attempt)}` };
      // The pause between requests applies to retries too.
      const wait = Math.max(retryDelay(attempt, retryAfterMs, options), options.minIntervalMs ?? 0);
      const why =
        retryAfterMs === undefined
          ? ''
          : retryAfterMs > options.maxWaitMs
            ? ` (Retry-After: ${formatDuration(retryAfterMs)}, capped)`
            : ' (Retry-After)';
      options.onRetry?.(
        label,
        `${problem}; retrying in ${formatDuration(wait)}${why} (attempt ${attempt + 1} of ${total})`,
      );
      await sleep(wait);
    }
  }

  return { get };
}
