import { readFileSync } from 'node:fs';
import { parseCommandLine, type UsageError, usageError } from '../../command-line.ts';
import { settings } from '../../settings.ts';
import { isRealDay, todayUtc } from '../model/day.ts';
import { dayOutsideSource } from '../model/source-days.ts';
import {
  ARXIV_DEFAULT_MAX,
  ARXIV_DEFAULT_PAGE_SIZE,
  ARXIV_LOOKBACK_DAYS,
  ARXIV_MAX_PAGE_SIZE,
  downloadArxiv,
  queryProblem,
} from './arxiv.ts';
import { daysFrom, newestStoredDay, planRange } from './days.ts';
import { downloadHfDays } from './hf.ts';
import { createHttpClient, formatDuration, RETRY_POLICY } from './http.ts';
import type { Download } from './run.ts';
import { fetchedThrough, fetchStatePath, readFetchState, recordFetched, type StateKey } from './state.ts';

/**
 * `npm run fetch -- hf [--date DAY | --since DAY [--until DAY]] [--dry-run] [--out DIR]`
 * `npm run fetch -- arxiv --query QUERY [--date DAY | --since DAY [--until DAY]] [--max N] [--page-size N] …`
 * Thin wrapper: parses arguments, plans the days, downloads and imports, prints the importer's summary,
 * and records in the fetch state how far the source was fetched completely.
 */

const TOOL = {
  name: 'fetch',
  usage: `usage: npm run fetch -- hf [--date DAY | --since DAY [--until DAY]] [--accept-truncated] [--dry-run] [--out DIR] [-v]
       npm run fetch -- arxiv --query QUERY [--date DAY | --since DAY [--until DAY]] [--max N] [--page-size N]
                              [--accept-truncated] [--dry-run] [--out DIR] [-v]
DAY is YYYY-MM-DD (UTC), from the day the source began through tomorrow. With neither --date nor
--since, it fetches from the day after the last day fetched completely (content/fetch-state.json)
through today.`,
};
const fail: UsageError = usageError(TOOL);

/** How far back a catch-up goes when the newest stored day is old (a fork of a months-old repository). */
const CATCH_UP_DAYS = 31;

function positiveInteger(name: string, raw: string | undefined, fallback: number, most: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > most) {
    fail(`--${name} must be a whole number from 1 to ${most}; got "${raw}"`);
  }
  return value;
}

function userAgent(repository: string | undefined): string {
  const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const contact = repository ? `+https://github.com/${repository}` : 'Node.js fetch';
  return `Paperboy/${version} (static research-paper digest; ${contact})`;
}

const { values, positionals } = parseCommandLine(TOOL, {
  allowPositionals: true,
  options: {
    date: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    query: { type: 'string' },
    max: { type: 'string' },
    'page-size': { type: 'string' },
    'accept-truncated': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    out: { type: 'string', default: 'content/papers' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});
const [source, ...extra] = positionals;
if (source !== 'hf' && source !== 'arxiv') {
  fail(source === undefined ? 'which source? hf or arxiv' : `unknown source "${source}": hf or arxiv`);
}
if (extra.length > 0) fail(`unexpected argument "${extra[0]}"`);
const today = todayUtc();
for (const option of ['date', 'since', 'until'] as const) {
  const day = values[option];
  if (day === undefined) continue;
  if (!isRealDay(day)) fail(`--${option} must be a real day as YYYY-MM-DD; got "${day}"`);
  const outside = dayOutsideSource(day, source, today);
  if (outside !== undefined) fail(`--${option} ${outside}`);
}
if (values.date !== undefined && (values.since !== undefined || values.until !== undefined)) {
  fail('--date is one day: use it without --since and --until');
}
if (values.since !== undefined && values.until !== undefined && values.since > values.until) {
  fail(`--since ${values.since} is after --until ${values.until}`);
}
const query = values.query?.trim();
if (source === 'arxiv' && !query) fail('arxiv needs --query, e.g. --query cat:cs.CL');
if (source === 'hf' && (values.query ?? values.max ?? values['page-size']) !== undefined) {
  fail('--query, --max and --page-size are for arxiv');
}
const unbalanced = query === undefined ? undefined : queryProblem(query);
if (unbalanced !== undefined)
  fail(`--query ${JSON.stringify(query)} cannot be restricted to the days asked for: ${unbalanced}`);
const max = positiveInteger('max', values.max, ARXIV_DEFAULT_MAX, 30_000);
const pageSize = positiveInteger(
  'page-size',
  values['page-size'],
  ARXIV_DEFAULT_PAGE_SIZE,
  ARXIV_MAX_PAGE_SIZE,
);

let config: {
  hfApi: string;
  arxivApi: string;
  timeoutMs: number;
  backoffMs: number;
  maxBytes: number;
  allowedHosts: string[];
  arxivDelayMs: number;
  repository: string | undefined;
};
try {
  config = {
    hfApi: settings.hfApi,
    arxivApi: settings.arxivApi,
    timeoutMs: settings.fetchTimeoutMs,
    backoffMs: settings.fetchBackoffMs,
    maxBytes: settings.fetchMaxBytes,
    allowedHosts: settings.fetchAllowedHosts,
    arxivDelayMs: settings.arxivDelayMs,
    repository: settings.githubRepository,
  };
} catch (error) {
  fail((error as Error).message);
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

const stateKey: StateKey = source === 'hf' ? { source } : { source, query: query as string };
const statePath = fetchStatePath(values.out);
const sourceName = source === 'hf' ? 'hf' : `arxiv "${query}"`;
/** The last day fetched completely, and where that is known from. */
async function lastFetched(): Promise<{ day?: string; summary?: string }> {
  const { state, problems } = await readFetchState(statePath, today);
  for (const problem of problems) err(`warning: ${problem}`);
  const day = fetchedThrough(state, stateKey);
  if (day !== undefined) return { day, summary: `${sourceName} was fetched completely through ${day}` };
  // No state yet (a store from before it): the newest stored day up to today stands in for it.
  const newest = await newestStoredDay(values.out, today);
  return newest === undefined ? {} : { day: newest, summary: `the newest stored day is ${newest}` };
}
const catchingUp = values.date === undefined && values.since === undefined;
const last = catchingUp ? await lastFetched() : {};
const range = planRange({
  date: values.date,
  since: values.since,
  until: values.until,
  today,
  fetchedThrough: last.day,
  fetchedSummary: last.summary,
  lookbackDays: source === 'arxiv' ? ARXIV_LOOKBACK_DAYS : 0,
  catchUpDays: CATCH_UP_DAYS,
});
if (range.note) err(`note: ${range.note}`);
// The importer takes about a second to load: it is loaded only now, so that a usage error or `--help`
// answers at once.
const { emptyResult, exitCode, formatTotal, importDownloads } = await import('./run.ts');
if (range.from > range.to) {
  out(`up to date: ${last.summary}`);
  out(formatTotal(emptyResult(), values['dry-run']));
  process.exit(0);
}

const client = createHttpClient({
  userAgent: userAgent(config.repository),
  timeoutMs: config.timeoutMs,
  retries: RETRY_POLICY.retries,
  backoffMs: config.backoffMs,
  maxWaitMs: RETRY_POLICY.maxWaitMs,
  maxBytes: config.maxBytes,
  allowedHosts: config.allowedHosts,
  minIntervalMs: source === 'arxiv' ? config.arxivDelayMs : 0,
  onRetry: (label, message) => err(`${label}: ${message}`),
});

const days = range.from === range.to ? range.from : `${range.from} to ${range.to}`;
let downloads: AsyncIterable<Download>;
if (source === 'hf') {
  const list = daysFrom(range.from, range.to);
  err(`fetch: Hugging Face daily papers for ${days} (${list.length} day${list.length === 1 ? '' : 's'})`);
  downloads = downloadHfDays(client, config.hfApi, list, config.maxBytes);
} else {
  err(
    `fetch: arXiv "${query}" submitted ${days}, up to ${max} results, ${formatDuration(config.arxivDelayMs)} between requests`,
  );
  const request = {
    api: config.arxivApi,
    query: query as string,
    from: range.from,
    to: range.to,
    max,
    pageSize,
  };
  downloads = downloadArxiv(client, request, { onNote: (note) => err(`note: ${note}`) });
}

const { acquireStoreLock, StoreLockedError } = await import('../store/lock.ts');
const { LOCK_WAIT_MS } = await import('../store/locked-store.ts');
const acceptTruncated = values['accept-truncated'];
let result: Awaited<ReturnType<typeof importDownloads>>;
try {
  result = await importDownloads(downloads, {
    outDir: values.out,
    dryRun: values['dry-run'],
    verbose: values.verbose,
    acceptTruncated,
    out,
    err,
  });
  if (!values['dry-run'] && result.completedThrough !== undefined) {
    const lock = await acquireStoreLock(values.out, { waitMs: LOCK_WAIT_MS });
    try {
      const fetched = { from: range.from, through: result.completedThrough };
      const recorded = await recordFetched(statePath, stateKey, fetched, today);
      if (recorded !== undefined)
        err(`fetch: ${sourceName} fetched completely through ${recorded} (${statePath})`);
    } finally {
      await lock.release();
    }
  }
} catch (error) {
  if (!(error instanceof StoreLockedError)) throw error;
  // The other import owns the store; what this run imported before it is kept.
  err(`fetch: ${error.message}`);
  process.exit(3);
}

out(formatTotal(result, values['dry-run']));
if (result.stoppedAt !== undefined) {
  err(
    `fetch: stopped at ${result.stoppedAt}; everything before it is imported, and running the same command again finishes the job`,
  );
}
if (result.truncated.length > 0 && !acceptTruncated) {
  err(
    `fetch: ${result.truncated.length} download(s) truncated: the papers read are imported, but not every paper there is; the next run asks again (pass --accept-truncated to accept this)`,
  );
}
process.exitCode = exitCode(result, acceptTruncated);
