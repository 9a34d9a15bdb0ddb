import { setTimeout as sleep } from 'node:timers/promises';
import { redirectRefusal } from './redirect.ts';

/**
 * A small HTTP client over Node's own `fetch`: GET only, one request at a time, a timeout that covers
 * the whole response (a server that stalls half-way through a body times out too), and retries with
 * exponential backoff for what is worth retrying: timeouts, dropped or cut-off connections, HTTP 429 and
 * 5xx. `Retry-After` is honoured up to `maxWaitMs`. Every response is bounded: the body is read as it
 * arrives, decompressed (gzip, deflate, brotli), and given up on once it passes `maxBytes`, so a
 * decompression bomb or an endless body costs at most that much memory. Redirects are followed by hand,
 * only on the requested URL's host and the allowed hosts. What no retry can change (a 4xx other than
 * 429, a redirect refused or going round in a loop, a body too large) is not retried.
 */

export interface HttpOptions {
  userAgent: string;
  /** How long one attempt may take, redirects and body included. */
  timeoutMs: number;
  /** Attempts after the first one. */
  retries: number;
  /** The wait before the first retry; doubled before each next one. */
  backoffMs: number;
  /** The longest wait between two attempts, whatever `Retry-After` asks for. */
  maxWaitMs: number;
  /** The most bytes a response body may have, decompressed. */
  maxBytes: number;
  /** Hosts besides the requested URL's own that a redirect may lead to (`host` or `host:port`). */
  allowedHosts?: readonly string[];
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
  /**
   * `status` and `body` (its first `ERROR_BODY_BYTES`) are there when the server answered with an error
   * that is not worth retrying.
   */
  | { ok: false; message: string; status?: number; body?: string };

/** Redirects one attempt follows at most (browsers stop at 20; an API needs one or two). */
export const MAX_REDIRECTS = 10;

/**
 * How often and how long the command-line tools wait for a server that asks them to (429, 5xx): the
 * fetcher and the delivery share it.
 */
export const RETRY_POLICY = { retries: 4, maxWaitMs: 60_000 } as const;
/** How much of an error response is kept for its message (an API's JSON error, arXiv's error feed). */
const ERROR_BODY_BYTES = 64 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function worthRetrying(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `512 bytes`, `64 KiB`, `1.5 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${Number(value.toFixed(1)).toLocaleString('en')} ${unit}`;
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

/**
 * Reads a body as it arrives, at most `limit` bytes: `undefined` when it holds more (the rest is
 * never read, and the connection is dropped).
 */
async function readBounded(response: Response, limit: number): Promise<Buffer | undefined> {
  if (response.body === null) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

/** The first `limit` bytes of an error response's body, as text; the rest is dropped unread. */
async function readPrefix(response: Response, limit: number): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks, size).subarray(0, limit));
}

type Attempt =
  | { kind: 'ok'; status: number; contentType: string; body: string }
  | { kind: 'permanent'; message: string; status?: number; body?: string }
  | { kind: 'retry'; problem: string; retryAfterMs?: number };

export interface HttpClient {
  /** GETs `url`; `label` names it in retry messages (the URL by default). */
  get(url: string, accept: string, label?: string): Promise<HttpResult>;
}

/** A client whose requests share the pacing (`minIntervalMs`) and the retry policy. */
export function createHttpClient(options: HttpOptions): HttpClient {
  let lastEnd = Number.NEGATIVE_INFINITY;
  const allowedHosts = options.allowedHosts ?? [];

  async function pace(): Promise<void> {
    const wait = lastEnd + (options.minIntervalMs ?? 0) - performance.now();
    if (wait > 0) await sleep(wait);
  }

  /** One attempt: the request, the redirects it leads to, the body. */
  async function attempt(url: string, accept: string): Promise<Attempt> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const requested = new URL(url);
    const visited = [requested.href];
    let current = requested;
    for (;;) {
      const response = await fetch(current, {
        headers: { 'user-agent': options.userAgent, accept },
        redirect: 'manual',
        signal,
      });
      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const next = location === null ? undefined : URL.parse(location, current);
        if (next === undefined || next === null) {
          const shown =
            location === null
              ? 'no Location header'
              : `an invalid Location ${JSON.stringify(location.slice(0, 200))}`;
          return { kind: 'permanent', message: `HTTP ${response.status} redirect with ${shown}` };
        }
        const refused = redirectRefusal(requested, current, next, allowedHosts);
        if (refused !== undefined) return { kind: 'permanent', message: refused };
        if (visited.includes(next.href)) {
          const loop = [...visited.slice(visited.indexOf(next.href)), next.href].join(' → ');
          return { kind: 'permanent', message: `a redirect loop: ${loop}` };
        }
        if (visited.length > MAX_REDIRECTS)
          return {
            kind: 'permanent',
            message: `more than ${MAX_REDIRECTS} redirects, the last to ${next.href}`,
          };
        visited.push(next.href);
        current = next;
        continue;
      }
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (!response.ok) {
        if (worthRetrying(response.status)) {
          await response.body?.cancel().catch(() => undefined);
          return {
            kind: 'retry',
            problem: status,
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          };
        }
        const body = await readPrefix(response, ERROR_BODY_BYTES);
        return { kind: 'permanent', message: status, status: response.status, body };
      }
      const bytes = await readBounded(response, options.maxBytes);
      if (bytes === undefined) {
        return {
          kind: 'permanent',
          message: `the response is larger than ${formatBytes(options.maxBytes)} once decompressed (PAPERBOY_FETCH_MAX_BYTES): stopped reading it (a decompression bomb or an endless body? if not, ask for smaller pages or raise the setting)`,
        };
      }
      return {
        kind: 'ok',
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: new TextDecoder().decode(bytes),
      };
    }
  }

  async function get(url: string, accept: string, label = url): Promise<HttpResult> {
    const total = options.retries + 1;
    for (let count = 1; ; count += 1) {
      await pace();
      let result: Attempt;
      try {
        result = await attempt(url, accept);
      } catch (error) {
        result = { kind: 'retry', problem: describeError(error, options.timeoutMs) };
      } finally {
        lastEnd = performance.now();
      }
      if (result.kind === 'ok') {
        const { status, contentType, body } = result;
        return { ok: true, status, contentType, body };
      }
      if (result.kind === 'permanent') {
        const { message, status, body } = result;
        return { ok: false, message, ...(status === undefined ? {} : { status, body }) };
      }
      const { problem, retryAfterMs } = result;
      if (count >= total) return { ok: false, message: `${problem}, after ${attempts(count)}` };
      // The pause between requests applies to retries too.
      const wait = Math.max(retryDelay(count, retryAfterMs, options), options.minIntervalMs ?? 0);
      const why =
        retryAfterMs === undefined
          ? ''
          : retryAfterMs > options.maxWaitMs
            ? ` (Retry-After: ${formatDuration(retryAfterMs)}, capped)`
            : ' (Retry-After)';
      options.onRetry?.(
        label,
        `${problem}; retrying in ${formatDuration(wait)}${why} (attempt ${count + 1} of ${total})`,
      );
      await sleep(wait);
    }
  }

  return { get };
}
