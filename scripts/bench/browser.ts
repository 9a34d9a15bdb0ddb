/**
 * What a browser downloads: a tiny static server that serves a built site under its base path as
 * GitHub Pages does (dir/ → dir/index.html, gzip for text types), and Chromium measurements on it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';
import type { Browser, Page, Request } from '@playwright/test';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** Types GitHub Pages compresses; Pagefind's own files are already gzipped and sent as they are. */
const COMPRESSED = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt']);

/** The file a URL path names under a site root, or undefined (outside the base, or missing). */
export function resolveSitePath(root: string, base: string, urlPath: string): string | undefined {
  if (!urlPath.startsWith(base)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(base.length));
  } catch {
    return undefined;
  }
  const path = normalize(join(root, relative));
  if (!path.startsWith(normalize(root))) return undefined;
  if (existsSync(path) && statSync(path).isDirectory()) {
    const index = join(path, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return existsSync(path) ? path : undefined;
}

export interface StaticSite {
  /** The site's URL, ending in the base path. */
  url: string;
  /** Body bytes sent since the last reset (after compression), as the server counts them. */
  sentBytes: () => number;
  resetCount: () => void;
  close: () => Promise<void>;
}

/** Serves `root` at http://127.0.0.1:<free port><base>. */
export async function serveSite(root: string, base: string): Promise<StaticSite> {
  let sent = 0;
  const server: Server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    let file = resolveSitePath(root, base, urlPath);
    let status = 200;
    if (file === undefined) {
      status = 404;
      file = existsSync(join(root, '404.html')) ? join(root, '404.html') : undefined;
    }
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    const extension = extname(file);
    const gzip = COMPRESSED.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding']));
    response.writeHead(status, {
      'content-type': TYPES[extension] ?? 'application/octet-stream',
      'cache-control': 'max-age=600',
      ...(gzip ? { 'content-encoding': 'gzip' } : { 'content-length': statSync(file).size }),
    });
    const source = createReadStream(file);
    const body = gzip ? source.pipe(createGzip()) : source;
    body.on('data', (chunk: Buffer) => {
      sent += chunk.length;
    });
    body.pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    sentBytes: () => sent,
    resetCount: () => {
      sent = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Records every request a page makes and sums their response body sizes (as transferred). */
function recordRequests(page: Page): { bodyBytes: () => Promise<{ bytes: number; requests: number }> } {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  return {
    bodyBytes: async () => {
      const seen = [...requests];
      let bytes = 0;
      for (const request of seen) {
        const response = await request.response().catch(() => null);
        if (!response) continue;
        await response.finished().catch(() => null);
        bytes += (await request.sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize;
      }
      return { bytes, requests: seen.length };
    },
  };
}

export interface SearchMeasure {
  /** Response body bytes Chromium reports from page load until the results in view rendered. */
  browserBytes: number;
  /**
   * The same, counted by the server as it sends them: it includes Pagefind's worker script, whose
   * body size Chromium reports as 0.
   */
  serverBytes: number;
  requests: number;
  results: number;
}

/** Real results (not loading placeholders) shown by Pagefind's component UI. */
const RESULT = 'pagefind-results .pf-result a.pf-result-link';

/**
 * Whether the results a user sees have rendered: at least one real result, and no loading placeholder
 * (`aria-hidden` skeleton) left within the viewport. Placeholders further down load only on scrolling.
 */
function resultsRendered(selector: string): boolean {
  const results = [...document.querySelectorAll('pagefind-results .pf-result')];
  const visible = results.filter((result) => result.getBoundingClientRect().top < window.innerHeight);
  return (
    document.querySelectorAll(selector).length > 0 &&
    visible.every((result) => result.getAttribute('aria-hidden') !== 'true')
  );
}

/**
 * Loads `search/?q=<query>` in a fresh context (empty cache) and waits until the results in view have
 * rendered; sums what was downloaded until then.
 */
export async function measureFirstSearch(
  browser: Browser,
  site: StaticSite,
  query: string,
): Promise<SearchMeasure> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const recorder = recordRequests(page);
    site.resetCount();
    await page.goto(`${site.url}search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(resultsRendered, RESULT, { timeout: 120_000 });
    const serverBytes = site.sentBytes();
    const results = await page.locator(RESULT).count();
    const { bytes, requests } = await recorder.bodyBytes();
    return { browserBytes: bytes, serverBytes, requests, results };
  } finally {
    await context.close();
  }
}

export interface PageMeasure {
  /** Bytes of scripts the page loaded (as transferred). */
  scriptBytes: number;
  scripts: number;
  /** Everything the page loaded until its load event. */
  totalBytes: number;
}

/** Loads a page in a fresh context until its load event and sums what it downloaded, scripts apart. */
export async function measurePage(browser: Browser, url: string): Promise<PageMeasure> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const scripts: Request[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request);
    });
    const recorder = recordRequests(page);
    await page.goto(url, { waitUntil: 'load' });
    let scriptBytes = 0;
    for (const request of scripts) {
      await (await request.response())?.finished();
      scriptBytes += (await request.sizes()).responseBodySize;
    }
    const { bytes } = await recorder.bodyBytes();
    return { scriptBytes, scripts: scripts.length, totalBytes: bytes };
  } finally {
    await context.close();
  }
}
