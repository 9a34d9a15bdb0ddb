import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHttpClient, formatDuration, type HttpOptions, parseRetryAfter, retryDelay } from './http.ts';
import { type FakeApi, json, startFakeApi } from './test-server.ts';

const options: HttpOptions = {
  userAgent: 'Paperboy/test',
  timeoutMs: 500,
  retries: 2,
  backoffMs: 10,
  maxWaitMs: 150,
};

describe('retry timing', () => {
  test('Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test('exponential backoff, at least what Retry-After asks, never more than the cap', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelay(retry, undefined, options))).toEqual([10, 20, 40, 80]);
    expect(retryDelay(5, undefined, options)).toBe(150);
    expect(retryDelay(1, 100, options)).toBe(100);
    expect(retryDelay(1, 3_600_000, options)).toBe(150);
  });

  test.each([
    [250, '250 ms'],
    [1000, '1 s'],
    [1500, '1.5 s'],
    [60_000, '60 s'],
  ])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('createHttpClient against a local server', () => {
  let api: FakeApi;
  let retries: string[];
  beforeEach(async () => {
    api = await startFakeApi();
    retries = [];
  });
  afterEach(async () => {
    await api.close();
  });

  const client = (extra: Partial<HttpOptions> = {}) =>
    createHttpClient({
      ...options,
      ...extra,
      onRetry: (label, message) => retries.push(`${label}: ${message}`),
    });
  const url = (day: string) => `${api.hfApi}/daily_papers?date=${day}&p=0`;

  test('sends the User-Agent and Accept headers, returns the body and content type', async () => {
    api.hf('2026-01-21', json('[]'));
    const result = await client().get(url('2026-01-21'), 'application/json');
    expect(result).toEqual({
      ok: true,
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: '[]',
    });
    expect(api.requests[0]?.headers).toMatchObject({
      'user-agent': 'Paperboy/test',
      accept: 'application/json',
    });
  });

  test('a huge Retry-After is capped', async () => {
    api.hf('2026-01-21', { status: 429, headers: { 'retry-after': '3600' } }, json('[]'));
    const result = await client().get(url('2026-01-21'), 'application/json', 'day');
    expect(result.ok).toBe(true);
    expect(retries).toEqual([
      'day: HTTP 429 Too Many Requests; retrying in 150 ms (Retry-After: 3600 s, capped) (attempt 2 of 3)',
    ]);
    const [first, second] = api.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(140);
  });

  test('4xx other than 408 and 429 is not retried; the body is kept for its message', async () => {
    api.hf('2026-01-21', json('{"error":"nope"}', 404));
    const result = await client().get(url('2026-01-21'), 'application/json');
    expect(result).toEqual({
      ok: false,
      message: 'HTTP 404 Not Found',
      status: 404,
      body: '{"error":"nope"}',
    });
    expect(api.requests).toHaveLength(1);
  });

  test('a refused connection is retried, then reported', async () => {
    await api.close();
    const result = await client().get(url('2026-01-21'), 'application/json', 'day');
    expect(result).toEqual({
      ok: false,
      message: 'the request failed: fetch failed (ECONNREFUSED), after 3 attempts',
    });
    expect(retries).toHaveLength(2);
  });

  test('requests are paced: minIntervalMs from the end of one response to the next request, retries included', async () => {
    api.hf('2026-01-21', { status: 503 }, json('[]'));
    api.hf('2026-01-22', json('[]'));
    const paced = client({ minIntervalMs: 120 });
    await paced.get(url('2026-01-21'), 'application/json');
    await paced.get(url('2026-01-22'), 'application/json');
    const times = api.requests.map((request) => request.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i += 1) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(110);
    }
  });
});
