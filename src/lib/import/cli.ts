import { parseCommandLine, type UsageError, usageError } from '../../command-line.ts';
import { isRealDay, latestDay } from '../model/day.ts';
import { PAPER_SOURCES, type SourceFormat } from '../model/paper.ts';
import { StoreLockedError } from '../store/lock.ts';
import { LOCK_WAIT_MS, lockWaitOption } from '../store/locked-store.ts';
import { formatCounts, formatFileLine, formatRetracted, importFiles } from './run.ts';

/**
 * `npm run import -- [--format auto|hf|arxiv|text|jsonl] [--date YYYY-MM-DD] [--dry-run] [--out DIR] [--wait SECONDS] FILE...`
 * Thin wrapper around run.ts: parses arguments, shows progress, prints the summary.
 */

const TOOL = {
  name: 'import',
  usage:
    'usage: npm run import -- [--format auto|hf|arxiv|text|jsonl] [--date YYYY-MM-DD] [--dry-run] [--out DIR] [--wait SECONDS] FILE...',
};
const fail: UsageError = usageError(TOOL);
const { values, positionals } = parseCommandLine(TOOL, {
  allowPositionals: true,
  options: {
    format: { type: 'string', default: 'auto' },
    date: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    out: { type: 'string', default: 'content/papers' },
    wait: { type: 'string', default: String(LOCK_WAIT_MS / 1000) },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});
const format = values.format;
if (format !== 'auto' && !(PAPER_SOURCES as readonly string[]).includes(format)) {
  fail(`--format must be auto, ${PAPER_SOURCES.join(', ')}; got "${format}"`);
}
if (values.date !== undefined && !isRealDay(values.date)) {
  fail(`--date must be a real day as YYYY-MM-DD; got "${values.date}"`);
}
if (values.date !== undefined && values.date > latestDay()) {
  fail(
    `--date ${values.date} is after tomorrow (${latestDay()}, UTC): a paper's day cannot be in the future`,
  );
}
const lockWaitMs = lockWaitOption(values.wait, fail);
if (positionals.length === 0) fail('no files given');

// A progress indicator on stderr, only on a terminal, once a run takes more than a moment, redrawn at most
// ten times a second.
const started = Date.now();
let progressShown = false;
let lastDrawn = 0;
const onProgress = (done: number, total: number, label: string) => {
  const now = Date.now();
  if (!process.stderr.isTTY || now - started < 1500 || (now - lastDrawn < 100 && done < total)) return;
  progressShown = true;
  lastDrawn = now;
  process.stderr.write(`\r${label}: ${done}/${total}\u001b[K`);
};

let report: Awaited<ReturnType<typeof importFiles>>;
try {
  report = await importFiles(positionals, {
    format: format as SourceFormat | 'auto',
    date: values.date,
    dryRun: values['dry-run'],
    outDir: values.out,
    onProgress,
    lockWaitMs,
    onLockWait: (message) => process.stderr.write(`import: ${message}\n`),
  });
} catch (error) {
  if (!(error instanceof StoreLockedError)) throw error;
  // Nothing was read or written: the other import owns the store.
  process.stderr.write(`import: ${error.message}\n`);
  process.exit(3);
}
if (progressShown) process.stderr.write('\r\u001b[K');

for (const repair of report.repairs) process.stderr.write(`store: ${repair}\n`);
for (const problem of report.storeProblems) process.stderr.write(`warning: ${problem}\n`);
for (const file of report.files) {
  for (const error of file.errors) process.stderr.write(`${error}\n`);
  if (values.verbose || file.notes.length <= 20) {
    for (const note of file.notes) process.stderr.write(`note: ${note}\n`);
  } else {
    process.stderr.write(`note: ${file.notes.length} notes (use --verbose to see them)\n`);
  }
  process.stdout.write(`${formatFileLine(file)}\n`);
}
const refused = report.refusedFiles > 0 ? `, ${report.refusedFiles} file(s) refused` : '';
const dry = values['dry-run'] ? ' (dry run: nothing written)' : '';
process.stdout.write(
  `total: ${formatCounts(report.total)}${formatRetracted(report.retracted)}${refused}${dry}\n`,
);
process.exitCode = report.total.rejected === 0 && report.refusedFiles === 0 ? 0 : 1;
