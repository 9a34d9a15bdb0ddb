import { beforeEach, describe, expect, test } from 'vitest';
import { json, useFakeApi } from '../../../tests/fake-api.ts';
import {
  createHttpClient,
  formatBytes,
  formatDuration,
  type HttpOptions,
  parseRetryAfter,
  retryDelay,
} from './http.ts';
import { onAllowedHost, redirectRefusal } from './redirect.ts';

const options: HttpOptions = {
  userAgent: 'Paperboy/test',
  timeoutMs: 500,
  retries: 2,
  backoffMs: 10,
  maxWaitMs: 150,
  maxBytes: 1024 * 1024,
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
  const api = useFakeApi();
  let retries: string[];
  beforeEach(() => {
    retries = [];
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

  test('4xx other than 429 is not retried; the body is kept for its message', async () => {
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

  test('408 is permanent too: not retried', async () => {
    api.hf('2026-01-21', json('{}', 408));
    const result = await client().get(url('2026-01-21'), 'application/json');
    expect(result).toMatchObject({ ok: false, message: 'HTTP 408 Request Timeout', status: 408 });
    expect(api.requests).toHaveLength(1);
  });

  test('a body past maxBytes is refused, not retried; one at the limit is read', async () => {
    api.hf('2026-01-21', json('x'.repeat(1024 * 1024 + 1)));
    api.hf('2026-01-22', json('x'.repeat(1024 * 1024)));
    const over = await client().get(url('2026-01-21'), 'application/json');
    expect(over).toEqual({
      ok: false,
      message:
        'the response is larger than 1 MiB once decompressed (PAPERBOY_FETCH_MAX_BYTES): stopped reading it (a decompression bomb or an endless body? if not, ask for smaller pages or raise the setting)',
    });
    expect(api.requests).toHaveLength(1);
    const at = await client().get(url('2026-01-22'), 'application/json');
    expect(at.ok && at.body.length).toBe(1024 * 1024);
  });

  test('only the first 64 KiB of an error body are kept', async () => {
    api.hf('2026-01-21', json('e'.repeat(10 * 1024 * 1024), 404));
    const result = await client().get(url('2026-01-21'), 'application/json');
    expect(!result.ok && result.body?.length).toBe(64 * 1024);
  });

  test('a redirect on the same host is followed; a relative Location is resolved against the URL', async () => {
    api.route(({ url: asked }) =>
      asked.pathname === '/old' ? { redirect: `hf/api/daily_papers${asked.search}`, status: 301 } : undefined,
    );
    api.hf('2026-01-21', json('[]'));
    const result = await client().get(`${api.origin}/old?date=2026-01-21&p=0`, 'application/json');
    expect(result).toMatchObject({ ok: true, body: '[]' });
  });

  test('a redirect without a Location, or to more than 10 places, is permanent', async () => {
    api.route(({ url: asked }) => (asked.pathname === '/nowhere' ? { status: 302 } : undefined));
    api.route(({ url: asked }) => {
      const hop = /^\/hop\/(\d+)$/.exec(asked.pathname);
      return hop ? { redirect: `/hop/${Number(hop[1]) + 1}` } : undefined;
    });
    expect(await client().get(`${api.origin}/nowhere`, 'application/json')).toEqual({
      ok: false,
      message: 'HTTP 302 redirect with no Location header',
    });
    const far = await client().get(`${api.origin}/hop/0`, 'application/json');
    expect(far).toEqual({ ok: false, message: `more than 10 redirects, the last to ${api.origin}/hop/11` });
    expect(api.requests.filter((request) => request.key.startsWith('/hop/'))).toHaveLength(11);
  });
});

describe('where a redirect may lead', () => {
  const requested = new URL('https://huggingface.co/api/daily_papers?date=2026-01-21');
  const refusal = (to: string, allowed: string[] = [], from = requested) =>
    redirectRefusal(requested, from, new URL(to), allowed);

  test('the configured host, over http or https', () => {
    expect(refusal('https://huggingface.co/api/v2/daily_papers')).toBeUndefined();
    expect(refusal('https://HuggingFace.co:443/x')).toBeUndefined();
    expect(
      redirectRefusal(
        new URL('http://arxiv.org/q'),
        new URL('http://arxiv.org/q'),
        new URL('https://arxiv.org/q'),
        [],
      ),
    ).toBeUndefined();
  });

  test.each([
    [
      'https://cdn.example/x',
      'refused a redirect from huggingface.co to cdn.example: a fetch stays on huggingface.co and the hosts of PAPERBOY_FETCH_ALLOWED_HOSTS; add cdn.example there if you trust it',
    ],
    ['https://huggingface.co:8443/x', 'to huggingface.co:8443'],
    [
      'http://169.254.169.254/latest/meta-data/',
      'refused a redirect from https://huggingface.co to plain http://169.254.169.254',
    ],
    [
      'http://huggingface.co/x',
      'refused a redirect from https://huggingface.co to plain http://huggingface.co',
    ],
    ['file:///etc/passwd', 'refused a redirect from huggingface.co to a file: URL: only http(s) is fetched'],
  ])('%s is refused', (to, message) => {
    expect(refusal(to)).toContain(message);
  });

  test('PAPERBOY_FETCH_ALLOWED_HOSTS: a name allows any port of it, name:port that port only', () => {
    const allowed = ['cdn.example', 'mirror.example:8080', '[::1]'];
    expect(onAllowedHost(new URL('https://cdn.example/x'), allowed)).toBe(true);
    expect(onAllowedHost(new URL('https://cdn.example:9000/x'), allowed)).toBe(true);
    expect(onAllowedHost(new URL('http://mirror.example:8080/x'), allowed)).toBe(true);
    expect(onAllowedHost(new URL('https://mirror.example/x'), allowed)).toBe(false);
    expect(onAllowedHost(new URL('http://[::1]:5000/x'), allowed)).toBe(true);
    expect(onAllowedHost(new URL('https://evil.cdn.example/x'), allowed)).toBe(false);
    expect(refusal('https://cdn.example/x', allowed)).toBeUndefined();
    expect(refusal('https://other.example/x', allowed)).toContain(
      'the hosts of PAPERBOY_FETCH_ALLOWED_HOSTS (cdn.example, mirror.example:8080, [::1])',
    );
  });
});

test.each([
  [512, '512 bytes'],
  [64 * 1024, '64 KiB'],
  [1536 * 1024, '1.5 MiB'],
  [64 * 1024 * 1024, '64 MiB'],
])('formatBytes(%i) = %s', (bytes, text) => {
  expect(formatBytes(bytes)).toBe(text);
});
