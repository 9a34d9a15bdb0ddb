import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { settings } from '../../settings.ts';
import { isRealDay } from '../model/day.ts';
import {
  ARXIV_DEFAULT_MAX,
  ARXIV_DEFAULT_PAGE_SIZE,
  ARXIV_LOOKBACK_DAYS,
  ARXIV_MAX_PAGE_SIZE,
  downloadArxiv,
} from './arxiv.ts';
import { daysFrom, newestStoredDay, planRange, todayUtc } from './days.ts';
import { downloadHfDays } from './hf.ts';
import { createHttpClient, formatDuration } from './http.ts';
import type { Download } from './run.ts';

/**
 * `npm run fetch -- hf [--date DAY | --since DAY [--until DAY]] [--dry-run] [--out DIR]`
 * `npm run fetch -- arxiv --query QUERY [--date DAY | --since DAY [--until DAY]] [--max N] [--page-size N] …`
 * Thin wrapper: parses arguments, plans the days, downloads and imports, prints the importer's summary.
 */

const USAGE = `usage: npm run fetch -- hf [--date DAY | --since DAY [--until DAY]] [--dry-run] [--out DIR] [-v]
       npm run fetch -- arxiv --query QUERY [--date DAY | --since DAY [--until DAY]] [--max N] [--page-size N]
                              [--dry-run] [--out DIR] [-v]
DAY is YYYY-MM-DD (UTC). With neither --date nor --since, it fetches from the day after the newest
stored day through today.`;

/** How far back a catch-up goes when the newest stored day is old (a fork of a months-old repository). */
const CATCH_UP_DAYS = 31;
const RETRIES = 4;
const MAX_WAIT_MS = 60_000;

function fail(message: string): never {
  process.stderr.write(`fetch: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        date: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        query: { type: 'string' },
        max: { type: 'string' },
        'page-size': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string', default: 'content/papers' },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}

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

const { values, positionals } = parseCommandLine();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [source, ...extra] = positionals;
if (source !== 'hf' && source !== 'arxiv') {
  fail(source === undefined ? 'which source? hf or arxiv' : `unknown source "${source}": hf or arxiv`);
}
if (extra.length > 0) fail(`unexpected argument "${extra[0]}"`);
for (const option of ['date', 'since', 'until'] as const) {
  const day = values[option];
  if (day !== undefined && !isRealDay(day))
    fail(`--${option} must be a real day as YYYY-MM-DD; got "${day}"`);
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
  arxivDelayMs: number;
  repository: string | undefined;
};
try {
  config = {
    hfApi: settings.hfApi,
    arxivApi: settings.arxivApi,
    timeoutMs: settings.fetchTimeoutMs,
    backoffMs: settings.fetchBackoffMs,
    arxivDelayMs: settings.arxivDelayMs,
    repository: settings.githubRepository,
  };
} catch (error) {
  fail((error as Error).message);
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

const today = todayUtc();
const catchingUp = values.date === undefined && values.since === undefined;
const newest = catchingUp ? await newestStoredDay(values.out) : undefined;
const range = planRange({
  date: values.date,
  since: values.since,
  until: values.until,
  today,
  newest,
  lookbackDays: source === 'arxiv' ? ARXIV_LOOKBACK_DAYS : 0,
  catchUpDays: CATCH_UP_DAYS,
});
if (range.note) err(`note: ${range.note}`);
// The importer takes about a second to load: it is loaded only now, so that a usage error or `--help`
// answers at once.
const { emptyResult, exitCode, formatTotal, importDownloads } = await import('./run.ts');
if (range.from > range.to) {
  out(`up to date: the newest stored day is ${newest}`);
  out(formatTotal(emptyResult(), values['dry-run']));
  process.exit(0);
}

const client = createHttpClient({
  userAgent: userAgent(config.repository),
  timeoutMs: config.timeoutMs,
  retries: RETRIES,
  backoffMs: config.backoffMs,
  maxWaitMs: MAX_WAIT_MS,
  minIntervalMs: source === 'arxiv' ? config.arxivDelayMs : 0,
  onRetry: (label, message) => err(`${label}: ${message}`),
});

const days = range.from === range.to ? range.from : `${range.from} to ${range.to}`;
let downloads: AsyncIterable<Download>;
if (source === 'hf') {
  const list = daysFrom(range.from, range.to);
  err(`fetch: Hugging Face daily papers for ${days} (${list.length} day${list.length === 1 ? '' : 's'})`);
  downloads = downloadHfDays(client, config.hfApi, list);
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

const { StoreLockedError } = await import('../store/lock.ts');
let result: Awaited<ReturnType<typeof importDownloads>>;
try {
  result = await importDownloads(downloads, {
    outDir: values.out,
    dryRun: values['dry-run'],
    verbose: values.verbose,
    out,
    err,
  });
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
process.exitCode = exitCode(result);
