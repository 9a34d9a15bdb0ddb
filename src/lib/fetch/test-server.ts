import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * For the tests only: a real HTTP server on 127.0.0.1 that stands in for both APIs and answers what a
 * test scripts, including the ways real servers fail (a 429, a hang, a body cut off half-way), and a
 * runner for the real CLI against it.
 */

export const FETCH_FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/fetch/', import.meta.url));

export function fetchFixture(name: string): string {
  return readFileSync(`${FETCH_FIXTURES}${name}`, 'utf8');
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: string }
  /** Accepts the request and never answers. */
  | { hang: true }
  /** Announces the whole body's length, sends the first half, then drops the connection. */
  | { cutOff: string };

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

export interface RecordedRequest {
  key: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** `performance.now()` when the request arrived. */
  at: number;
}

export interface FakeApi {
  hfApi: string;
  arxivApi: string;
  requests: RecordedRequest[];
  /** Replies for one day's list (page 0), in order; the last one repeats. */
  hf(day: string, ...replies: Reply[]): void;
  /** Replies for the arXiv page that starts at `start`, in order; the last one repeats. */
  arxiv(start: number, ...replies: Reply[]): void;
  /** What to answer for a day nobody scripted (404 by default). */
  hfFallback(reply: (day: string) => Reply): void;
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
  response.writeHead(reply.status ?? 200, reply.headers ?? {});
  response.end(reply.body ?? '');
}

export async function startFakeApi(): Promise<FakeApi> {
  const scripts = new Map<string, Reply[]>();
  const requests: RecordedRequest[] = [];
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
    const queue = scripts.get(key);
    const reply = queue === undefined ? fallback : queue.length > 1 ? (queue.shift() as Reply) : queue[0];
    send(response, reply ?? fallback);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    hfApi: `${origin}/hf/api`,
    arxivApi: `${origin}/arxiv/api/query`,
    requests,
    hf: (day, ...replies) => scripts.set(`hf ${day} p0`, replies),
    arxiv: (start, ...replies) => scripts.set(`arxiv ${start}`, replies),
    hfFallback: (reply) => {
      hfFallback = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Settings that keep a test fast: short timeouts, tiny backoff, a short pause between arXiv requests. */
export const FAST = {
  PAPERBOY_FETCH_TIMEOUT_MS: '500',
  PAPERBOY_FETCH_BACKOFF_MS: '10',
  PAPERBOY_ARXIV_DELAY_MS: '30',
};

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node src/lib/fetch/cli.ts …` (what `npm run fetch` runs) against a fake API. Asynchronous, so
 * the server in this process keeps answering while the CLI runs.
 */
export function runFetch(api: FakeApi, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: {
        ...process.env,
        // Empty is unset: the User-Agent is then the same on GitHub Actions as elsewhere.
        GITHUB_REPOSITORY: '',
        PAPERBOY_HF_API: api.hfApi,
        PAPERBOY_ARXIV_API: api.arxivApi,
        ...FAST,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
