import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Counts, formatCounts, formatFileLine, importFiles } from '../import/run.ts';
import type { SourceFormat } from '../model/paper.ts';

/**
 * Puts downloads through the importer, one at a time, in order: each fully received and checked
 * response is written to a temporary file named after it (`hf-2026-11-27.json`) and imported with
 * `importFiles`, so the fetcher reports exactly what `npm run import` would. The run stops at the first
 * download that failed or was refused: everything before it is imported, and a run that starts again
 * after the newest stored day resumes there.
 */

export type Download =
  | { name: string; outcome: 'papers'; format: SourceFormat; date?: string; body: string; count: number }
  /** A day or query without papers: not a failure. */
  | { name: string; outcome: 'empty'; format: SourceFormat }
  /** `failed`: no usable response (after retries); `refused`: a response that is not what was asked for. */
  | { name: string; outcome: 'failed' | 'refused'; message: string };

export interface RunOptions {
  outDir: string;
  dryRun: boolean;
  verbose: boolean;
  /** A line for stdout (summaries). */
  out: (line: string) => void;
  /** A line for stderr (rejected records, notes, problems). */
  err: (line: string) => void;
}

export interface RunResult {
  total: Counts;
  /** Responses that were not what was asked for, and files the importer refused. */
  refused: number;
  /** Downloads that failed after their retries. */
  failed: number;
  /** The name of the download the run stopped at, if it stopped early. */
  stoppedAt?: string;
}

/** A run that fetched nothing. */
export function emptyResult(): RunResult {
  return { total: { new: 0, updated: 0, unchanged: 0, rejected: 0 }, refused: 0, failed: 0 };
}

/** The last line, as the importer writes it: `total: 3 new, 0 updated, 0 unchanged, 0 rejected`, and what failed. */
export function formatTotal(result: RunResult, dryRun: boolean): string {
  const refused = result.refused > 0 ? `, ${result.refused} file(s) refused` : '';
  const failed = result.failed > 0 ? `, ${result.failed} download(s) failed` : '';
  const dry = dryRun ? ' (dry run: nothing written)' : '';
  return `total: ${formatCounts(result.total)}${refused}${failed}${dry}`;
}

/** Exit code 0 when nothing was rejected, refused or failed, else 1 (as `npm run import`). */
export function exitCode(result: RunResult): number {
  return result.total.rejected === 0 && result.refused === 0 && result.failed === 0 ? 0 : 1;
}

export async function importDownloads(
  downloads: AsyncIterable<Download>,
  options: RunOptions,
): Promise<RunResult> {
  const result = emptyResult();
  const seenProblems = new Set<string>();
  const temp = await mkdtemp(join(tmpdir(), 'paperboy-fetch-'));
  try {
    for await (const download of downloads) {
      if (download.outcome === 'empty') {
        options.out(`${download.name} (${download.format}): 0 papers`);
        continue;
      }
      if (download.outcome !== 'papers') {
        options.out(`${download.name}: ${download.outcome}: ${download.message} (nothing written)`);
        result[download.outcome] += 1;
        result.stoppedAt = download.name;
        break;
      }
      const path = join(temp, download.name);
      await writeFile(path, download.body);
      const report = await importFiles([path], {
        format: download.format,
        date: download.date,
        dryRun: options.dryRun,
        outDir: options.outDir,
      });
      for (const repair of report.repairs) options.err(`store: ${repair}`);
      // Every import reads the store again and would repeat the same complaints about it.
      for (const problem of report.storeProblems) {
        if (seenProblems.has(problem)) continue;
        seenProblems.add(problem);
        options.err(`warning: ${problem}`);
      }
      for (const file of report.files) {
        for (const error of file.errors) options.err(error);
        if (options.verbose || file.notes.length <= 20) {
          for (const note of file.notes) options.err(`note: ${note}`);
        } else {
          options.err(`note: ${file.notes.length} notes (use --verbose to see them)`);
        }
        options.out(formatFileLine(file));
        for (const key of Object.keys(result.total) as (keyof Counts)[]) {
          result.total[key] += file.counts[key];
        }
        if (file.refused !== undefined) {
          result.refused += 1;
          result.stoppedAt = download.name;
        }
      }
      await rm(path, { force: true });
      if (result.stoppedAt !== undefined) break;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return result;
}
