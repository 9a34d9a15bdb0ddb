import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SourceFormat } from '../model/paper.ts';
import { applyRecord, loadStore, type Outcome } from '../store/store.ts';
import { detectFormat } from './detect.ts';
import { normaliseRecord } from './normalise.ts';
import { parseSource } from './parse.ts';
import { formatProblem } from './raw-record.ts';

/** One import run over several files: parse → normalise → merge/write, with per-file counts. */

export interface Counts {
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface FileReport {
  file: string;
  format?: SourceFormat;
  /** Set when the whole file was refused (nothing written). */
  refused?: string;
  counts: Counts;
  /** Rejected records, one formatted message each. */
  errors: string[];
  /** Kept records worth a remark (control characters removed, ids disambiguated, merges). */
  notes: string[];
}

export interface ImportOptions {
  format: SourceFormat | 'auto';
  date?: string;
  dryRun?: boolean;
  /** The content directory, `content/papers` by default in the CLI. */
  outDir: string;
  /** Called while reading the stored records and after each imported record, for a progress indicator. */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface ImportReport {
  files: FileReport[];
  total: Counts;
  refusedFiles: number;
  /** Problems with records already stored (unreadable files); they are left as they are. */
  storeProblems: string[];
}

function emptyCounts(): Counts {
  return { new: 0, updated: 0, unchanged: 0, rejected: 0 };
}

/** `N new, M updated, K unchanged, E rejected`. */
export function formatCounts(counts: Counts): string {
  return `${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected`;
}

/** The summary line of one file. */
export function formatFileLine(report: FileReport): string {
  const name = basename(report.file);
  if (report.refused !== undefined) return `${name}: refused: ${report.refused} (nothing written)`;
  return `${name} (${report.format}): ${formatCounts(report.counts)}`;
}

/** Imports files into the content directory; never throws for bad input, only for I/O failures. */
export async function importFiles(files: string[], options: ImportOptions): Promise<ImportReport> {
  const { store, problems: storeProblems } = await loadStore(options.outDir, (done, total) =>
    options.onProgress?.(done, total, 'reading stored records'),
  );
  const report: ImportReport = { files: [], total: emptyCounts(), refusedFiles: 0, storeProblems };
  for (const file of files) {
    const fileReport = await importFile(file, options, store);
    report.files.push(fileReport);
    if (fileReport.refused !== undefined) report.refusedFiles += 1;
    for (const key of Object.keys(report.total) as (keyof Counts)[])
      report.total[key] += fileReport.counts[key];
  }
  return report;
}

async function importFile(
  file: string,
  options: ImportOptions,
  store: Awaited<ReturnType<typeof loadStore>>['store'],
): Promise<FileReport> {
  const name = basename(file);
  const report: FileReport = { file, counts: emptyCounts(), errors: [], notes: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    report.refused = `cannot read the file: ${(error as Error).message}`;
    return report;
  }
  const format =
    options.format === 'auto' ? detectFormat(text) : { ok: true as const, format: options.format };
  if (!format.ok) {
    report.refused = format.message;
    return report;
  }
  report.format = format.format;
  const parsed = parseSource(format.format, text, { date: options.date });
  if (!parsed.ok) {
    report.refused = parsed.message;
    return report;
  }
  report.notes.push(...(parsed.notes ?? []).map((note) => formatProblem(name, note)));
  for (const problem of parsed.errors) {
    report.errors.push(formatProblem(name, problem));
    report.counts.rejected += 1;
  }
  let done = 0;
  for (const raw of parsed.records) {
    done += 1;
    options.onProgress?.(done, parsed.records.length, name);
    const normalised = normaliseRecord(raw, { source: format.format, date: options.date });
    if (!normalised.ok) {
      report.counts.rejected += 1;
      report.errors.push(...normalised.problems.map((problem) => formatProblem(name, problem)));
      continue;
    }
    report.notes.push(...normalised.warnings.map((warning) => formatProblem(name, warning)));
    const result = await applyRecord(store, normalised.record, { dryRun: options.dryRun });
    const outcome: Outcome = result.outcome;
    report.counts[outcome] += 1;
    report.notes.push(...result.notes.map((note) => `${name}: ${raw.position} (${result.id}): ${note}`));
  }
  return report;
}
