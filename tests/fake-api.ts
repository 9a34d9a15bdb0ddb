import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, createBrotliCompress, createDeflate, gzipSync } from 'node:zlib';
import { afterEach, beforeEach } from 'vitest';
import { snapshotDir, useTempContentDir } from './helpers.ts';
import { type NodeRun, runNode } from './peak-memory.ts';

/**
 * For the fetcher's tests: a real HTTP server on 127.0.0.1 that stands in for both APIs and answers
 * what a test scripts, including what real servers do when they fail (a 429, a hang, a body cut off
 * half-way) and what a hostile one does (a decompression bomb, an endless body, a redirect to another
 * host or round in a loop, pages without end); and a runner for the real CLI against it that measures
 * the CLI's peak memory. Nothing leaves the loopback interface: "another host" is 127.0.0.2, where
 * nothing listens.
 */

export const FETCH_FIXTURES = fileURLToPath(new URL('./fixtures/fetch/', import.meta.url));

export function fetchFixture(name: string): string {
  return readFileSync(`${FETCH_FIXTURES}${name}`, 'utf8');
}

export type Encoding = 'gzip' | 'deflate' | 'br';

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Accepts the request and never answers. */
  | { hang: true }
  /** Announces the whole body's length, sends the first half, then drops the connection. */
  | { cutOff: string }
  /** 200 with a body that never ends (spaces, as fast as the client reads). */
  | { endless: true }
  /** A redirect (302 unless said otherwise) to `location`, absolute or relative to the request. */
  | { redirect: string; status?: number };

export const json = (body: string, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});
export const atom = (body: string, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  body,
});
export const html = (body: string, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

const SEGMENT = 16 * 1024 * 1024;
const bombs = new Map<string, Promise<Buffer>>();

/**
 * The compressed output of one `SEGMENT` of zero bytes after another, flushed to a byte boundary: from
 * the second segment on, each is the same bytes (the window holds nothing but zeros), so a bomb of any
 * size is the first segment and copies of the second.
 */
async function flushedSegments(encoding: 'deflate' | 'br'): Promise<[Buffer, Buffer]> {
  const stream =
    encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : createDeflate({ level: 9 });
  const flush = encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
  const zeros = Buffer.alloc(SEGMENT);
  let pending: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => pending.push(chunk));
  const segment = () =>
    new Promise<Buffer>((resolve) => {
      stream.write(zeros);
      stream.flush(flush, () => {
        resolve(Buffer.concat(pending));
        pending = [];
      });
    });
  const first = await segment();
  const second = await segment();
  stream.destroy();
  return [first, second];
}

/**
 * A body that decompresses to `decodedBytes` zero bytes (a whole number of 16 MiB segments) but is
 * small: a 4 GiB gzip or deflate bomb is 4 MB, a brotli one 6.6 KB. Made by the test, never committed.
 */
export function compressionBomb(encoding: Encoding, decodedBytes: number): Promise<Buffer> {
  const key = `${encoding} ${decodedBytes}`;
  let bomb = bombs.get(key);
  if (bomb === undefined) {
    const count = Math.ceil(decodedBytes / SEGMENT);
    bomb =
      encoding === 'gzip'
        ? // A gzip stream may hold many members one after another; each here is 16 MiB of zeros.
          Promise.resolve(Buffer.concat(Array(count).fill(gzipSync(Buffer.alloc(SEGMENT), { level: 9 }))))
        : flushedSegments(encoding).then(([first, next]) =>
            Buffer.concat([first, ...Array<Buffer>(count - 1).fill(next)]),
          );
    bombs.set(key, bomb);
  }
  return bomb;
}

/** A reply whose body is `body`, sent with `content-encoding: encoding`. */
export const encoded = (encoding: Encoding, body: Buffer, type = 'application/json'): Reply => ({
  headers: { 'content-type': type, 'content-encoding': encoding },
  body,
});

export interface RecordedRequest {
  key: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** Answers a request, or `undefined` to leave it to the scripts and fallbacks. */
export type Route = (request: { key: string; url: URL }) => Reply | undefined;

export interface FakeApi {
  origin: string;
  hfApi: string;
  arxivApi: string;
  requests: RecordedRequest[];
  /** Replies for one day's list (page 0), in order; the last one repeats. */
  hf(day: string, ...replies: Reply[]): void;
  /** Replies for the arXiv page that starts at `start`, in order; the last one repeats. */
  arxiv(start: number, ...replies: Reply[]): void;
  /** What to answer for a day nobody scripted (404 by default). */
  hfFallback(reply: (day: string) => Reply): void;
  /** Answers any request it returns a reply for, before the scripts. */
  route(route: Route): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, reply: Reply): void {
  if ('hang' in reply) return;
  if ('cutOff' in reply) {
    const bytes = Buffer.from(reply.cutOff);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
    response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.socket?.destroy());
    return;
  }
  if ('endless' in reply) {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, ' ');
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', pump);
    };
    pump();
    return;
  }
  if ('redirect' in reply) {
    response.writeHead(reply.status ?? 302, { location: reply.redirect });
    response.end();
    return;
  }
  response.writeHead(reply.status ?? 200, reply.headers ?? {});
  response.end(reply.body ?? '');
}

export async function startFakeApi(): Promise<FakeApi> {
  const scripts = new Map<string, Reply[]>();
  const requests: RecordedRequest[] = [];
  const routes: Route[] = [];
  let hfFallback: (day: string) => Reply = (day) =>
    json(JSON.stringify({ error: `nothing scripted for ${day}` }), 404);

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let key: string;
    let fallback: Reply;
    if (url.pathname === '/hf/api/daily_papers') {
      const day = url.searchParams.get('date') ?? '';
      const page = url.searchParams.get('p') ?? '0';
      key = `hf ${day} p${page}`;
      fallback = page === '0' ? hfFallback(day) : json('[]');
    } else if (url.pathname === '/arxiv/api/query') {
      key = `arxiv ${url.searchParams.get('start') ?? '0'}`;
      fallback = atom('<feed/>', 404);
    } else {
      key = url.pathname;
      fallback = html('<title>Not Found</title>', 404);
    }
    requests.push({ key, url, headers: request.headers, at: performance.now() });
    let routed: Reply | undefined;
    for (const route of routes) routed ??= route({ key, url });
    const queue = scripts.get(key);
    const scripted = queue === undefined ? undefined : queue.length > 1 ? queue.shift() : queue[0];
    send(response, routed ?? scripted ?? fallback);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    hfApi: `${origin}/hf/api`,
    arxivApi: `${origin}/arxiv/api/query`,
    requests,
    hf: (day, ...replies) => scripts.set(`hf ${day} p0`, replies),
    arxiv: (start, ...replies) => scripts.set(`arxiv ${start}`, replies),
    hfFallback: (reply) => {
      hfFallback = reply;
    },
    route: (route) => {
      routes.push(route);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fake API for each test of the file or suite this is called in: started before the test, closed
 * after it. The object returned forwards to the current test's server, so it can be named once.
 */
export function useFakeApi(): FakeApi {
  let current: FakeApi | undefined;
  beforeEach(async () => {
    current = await startFakeApi();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): FakeApi => {
    if (current === undefined) throw new Error('no fake API outside a test');
    return current;
  };
  return {
    get origin() {
      return now().origin;
    },
    get hfApi() {
      return now().hfApi;
    },
    get arxivApi() {
      return now().arxivApi;
    },
    get requests() {
      return now().requests;
    },
    hf: (day, ...replies) => now().hf(day, ...replies),
    arxiv: (start, ...replies) => now().arxiv(start, ...replies),
    hfFallback: (reply) => now().hfFallback(reply),
    route: (route) => now().route(route),
    close: () => now().close(),
  };
}

/**
 * Settings that keep a test fast: tiny backoff, a short pause between arXiv requests. The timeout stays
 * long enough that a loaded machine does not turn a slow answer into a retry; a test of timeouts sets
 * its own short one.
 */
export const FAST = {
  PAPERBOY_FETCH_TIMEOUT_MS: '10000',
  PAPERBOY_FETCH_BACKOFF_MS: '10',
  PAPERBOY_ARXIV_DELAY_MS: '30',
};

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FETCH_CLI = fileURLToPath(new URL('../src/lib/fetch/cli.ts', import.meta.url));

/**
 * Runs `node src/lib/fetch/cli.ts …` (what `npm run fetch` runs) against a fake API, measuring its peak
 * memory. Asynchronous, so the server in this process keeps answering while the CLI runs.
 */
export function runFetch(
  api: FakeApi,
  args: string[],
  env: Record<string, string> = {},
  limits: { killAboveBytes?: number } = {},
): Promise<NodeRun> {
  return runNode(FETCH_CLI, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      // Empty is unset: the User-Agent is then the same on GitHub Actions as elsewhere.
      GITHUB_REPOSITORY: '',
      PAPERBOY_FETCH_ALLOWED_HOSTS: '',
      PAPERBOY_HF_API: api.hfApi,
      PAPERBOY_ARXIV_API: api.arxivApi,
      ...FAST,
      ...env,
    },
    ...limits,
  });
}

/**
 * For a test file of the fetch CLI: a fake API and a temporary folder for each test, whose `papers` is
 * the store (the fetch state goes beside it), and the CLI pointed at both with `env`.
 */
export function useFetchRun(env: Record<string, string> = {}) {
  const api = useFakeApi();
  const dir = useTempContentDir();
  const papers = () => join(dir(), 'papers');
  return {
    api,
    dir,
    papers,
    fetch: (...args: string[]) => runFetch(api, [...args, '--out', papers()], env),
    /** Stored paper files, as `day/id.md`. */
    storedFiles: async () =>
      [...(await snapshotDir(papers())).keys()].filter((path) => path.endsWith('.md')).sort(),
    /** The requests the fake API got for one source. */
    requests: (source: 'hf' | 'arxiv') =>
      api.requests.filter((request) => request.key.startsWith(`${source} `)),
  };
}
