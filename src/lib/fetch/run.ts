import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Counts, formatCounts, formatFileLine, importFiles } from '../import/run.ts';
import type { DayWindow } from '../model/day.ts';
import type { SourceFormat } from '../model/paper.ts';

/**
 * Puts downloads through the importer, one at a time, in order: each fully received and checked
 * response is written to a temporary file named after it (`hf-2026-11-27.json`) and imported with
 * `importFiles`, so the fetcher reports exactly what `npm run import` would. The run stops at the first
 * download that failed or was refused: everything before it is imported, and the next run starts
 * after the last day fetched completely (`completedThrough`), so it resumes there.
 */

/** What a download tells about the days it covers. */
interface Coverage {
  /**
   * Set on the download that ends the days through this one. They count as fetched completely unless
   * it is also `truncated` (and the run does not accept that).
   */
  completes?: string;
  /** Why the papers read are not all there are (pages without end, `--max`), when they are not. */
  truncated?: string;
}

export type Download =
  | ({
      name: string;
      outcome: 'papers';
      format: SourceFormat;
      /** The digest day of every paper (Hugging Face: the day asked for). */
      date?: string;
      /** The days asked for: a paper dated outside them is filed on the nearest of them, with a note. */
      window?: DayWindow;
      body: string;
      count: number;
    } & Coverage)
  /** A day or query without papers: not a failure. */
  | ({ name: string; outcome: 'empty'; format: SourceFormat } & Coverage)
  /** `failed`: no usable response (after retries); `refused`: a response that is not what was asked for. */
  | { name: string; outcome: 'failed' | 'refused'; message: string };

export interface RunOptions {
  outDir: string;
  dryRun: boolean;
  verbose: boolean;
  /** `--accept-truncated`: a truncated download counts as complete and does not fail the run. */
  acceptTruncated: boolean;
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
  /** `name: why` of each download that did not get every paper there is. */
  truncated: string[];
  /** The last day through which every download was read in full and imported. */
  completedThrough?: string;
}

/** A run that fetched nothing. */
export function emptyResult(): RunResult {
  return { total: { new: 0, updated: 0, unchanged: 0, rejected: 0 }, refused: 0, failed: 0, truncated: [] };
}

/** The last line, as the importer writes it: `total: 3 new, 0 updated, 0 unchanged, 0 rejected`, and what failed. */
export function formatTotal(result: RunResult, dryRun: boolean): string {
  const refused = result.refused > 0 ? `, ${result.refused} file(s) refused` : '';
  const failed = result.failed > 0 ? `, ${result.failed} download(s) failed` : '';
  const dry = dryRun ? ' (dry run: nothing written)' : '';
  return `total: ${formatCounts(result.total)}${refused}${failed}${dry}`;
}

/**
 * Exit code 0 when nothing was rejected, refused, failed or truncated (unless truncation was accepted),
 * else 1 (as `npm run import`).
 */
export function exitCode(result: RunResult, acceptTruncated: boolean): number {
  const clean = result.total.rejected === 0 && result.refused === 0 && result.failed === 0;
  return clean && (acceptTruncated || result.truncated.length === 0) ? 0 : 1;
}

export async function importDownloads(
  downloads: AsyncIterable<Download>,
  options: RunOptions,
): Promise<RunResult> {
  const result = emptyResult();
  const seenProblems = new Set<string>();
  // Days count as fetched only through the first download that was cut short.
  let complete = true;
  const cover = (download: Coverage & { name: string }) => {
    if (download.truncated !== undefined) {
      result.truncated.push(`${download.name}: ${download.truncated}`);
      options.err(
        `${options.acceptTruncated ? 'note' : 'warning'}: ${download.name}: truncated: ${download.truncated}`,
      );
      complete &&= options.acceptTruncated;
    }
    if (complete && download.completes !== undefined) result.completedThrough = download.completes;
  };
  const temp = await mkdtemp(join(tmpdir(), 'paperboy-fetch-'));
  try {
    for await (const download of downloads) {
      if (download.outcome === 'empty') {
        options.out(`${download.name} (${download.format}): 0 papers`);
        cover(download);
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
        window: download.window,
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
      cover(download);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return result;
}
