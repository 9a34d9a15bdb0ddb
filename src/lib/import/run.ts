import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PaperRecord, SourceFormat } from '../model/paper.ts';
import { parseTaxonomy } from '../model/topic.ts';
import { applyRecord, type Outcome, storesSameText } from '../store/apply-record.ts';
import { withStore } from '../store/locked-store.ts';
import { findRetraction } from '../store/retractions.ts';
import { type Store, StoreRefusal } from '../store/store-index.ts';
import { decodeUtf8 } from './decode.ts';
import { detectFormat } from './detect.ts';
import { normaliseRecord } from './normalise.ts';
import { parseSource } from './parse.ts';
import { formatProblem, type Problem } from './raw-record.ts';

/**
 * One import run over several files: lock the store → read it (repairing what an interrupted run left)
 * → for each file decode → parse → normalise → skip retracted papers → check it renders → merge/write,
 * with per-file counts.
 */

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
  /** Records of retracted papers, skipped (each with a note). */
  retracted: number;
}

export interface ImportOptions {
  format: SourceFormat | 'auto';
  date?: string;
  dryRun?: boolean;
  /** The content directory, `content/papers` by default in the CLI. */
  outDir: string;
  /** Called while reading the stored records and after each imported record, for a progress indicator. */
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * How long to wait for another import holding the store's lock, in milliseconds (default
   * `LOCK_WAIT_MS` of `store/locked-store.ts`); past it, `importFiles` throws `StoreLockedError`.
   */
  lockWaitMs?: number;
  /** Told once when another import holds the lock and this run waits for it. */
  onLockWait?: (message: string) => void;
  /** The taxonomy's topic slugs; by default those of `content/topics.yaml`. */
  topics?: ReadonlySet<string>;
}

export interface ImportReport {
  files: FileReport[];
  total: Counts;
  refusedFiles: number;
  /** Records of retracted papers, skipped. */
  retracted: number;
  /** Problems with records already stored (unreadable files); they are left as they are. */
  storeProblems: string[];
  /** What the run repaired in the store before importing (a paper on two days, a stale lock). */
  repairs: string[];
}

const TAXONOMY = new URL('../../../content/topics.yaml', import.meta.url);

/** The topic slugs of `content/topics.yaml`, the taxonomy the build files papers under. */
export async function loadTopicIds(file: URL | string = TAXONOMY): Promise<Set<string>> {
  const name = typeof file === 'string' ? file : undefined;
  return new Set(parseTaxonomy(await readFile(file, 'utf8'), name).map((topic) => topic.id));
}

function emptyCounts(): Counts {
  return { new: 0, updated: 0, unchanged: 0, rejected: 0 };
}

/** `N new, M updated, K unchanged, E rejected`. */
export function formatCounts(counts: Counts): string {
  return `${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected`;
}

/** `, N retracted (skipped)` when a run skipped retracted papers, else nothing. */
export function formatRetracted(retracted: number): string {
  return retracted > 0 ? `, ${retracted} retracted (skipped)` : '';
}

/** The summary line of one file. */
export function formatFileLine(report: FileReport): string {
  const name = basename(report.file);
  if (report.refused !== undefined) return `${name}: refused: ${report.refused} (nothing written)`;
  return `${name} (${report.format}): ${formatCounts(report.counts)}${formatRetracted(report.retracted)}`;
}

/**
 * Imports files into the content directory, holding the store's lock for the whole run. Never throws
 * for bad input, only for I/O failures and for a lock another import holds longer than `lockWaitMs`
 * (`StoreLockedError`). A dry run takes no lock and writes nothing.
 */
export async function importFiles(files: string[], options: ImportOptions): Promise<ImportReport> {
  const storeOptions = {
    dryRun: options.dryRun === true,
    ...(options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs }),
    ...(options.onLockWait ? { onLockWait: options.onLockWait } : {}),
    onProgress: (done: number, total: number) => options.onProgress?.(done, total, 'reading stored records'),
  };
  return withStore(options.outDir, storeOptions, async (loaded) => {
    const topics = options.topics ?? (await loadTopicIds());
    const report: ImportReport = {
      files: [],
      total: emptyCounts(),
      refusedFiles: 0,
      retracted: 0,
      storeProblems: loaded.problems,
      repairs: loaded.repairs,
    };
    const checked = new Map<string, Problem[]>();
    for (const file of files) {
      const fileReport = await importFile(file, options, { store: loaded.store, topics, checked });
      report.files.push(fileReport);
      if (fileReport.refused !== undefined) report.refusedFiles += 1;
      report.retracted += fileReport.retracted;
      for (const key of Object.keys(report.total) as (keyof Counts)[])
        report.total[key] += fileReport.counts[key];
    }
    return report;
  });
}

/**
 * The build's render functions, loaded on first use: they bring KaTeX and the Markdown pipeline, which
 * take a second or more to load, and a run that imports no record (a refused file, a day without
 * papers) does not need them.
 */
type Renderers = {
  checkRenderable: typeof import('../render/check.ts').checkRenderable;
  plainText: typeof import('../render/plain-text.ts').plainText;
};
let renderers: Promise<Renderers> | undefined;
function loadRenderers(): Promise<Renderers> {
  renderers ??= Promise.all([import('../render/check.ts'), import('../render/plain-text.ts')]).then(
    ([check, plain]) => ({ checkRenderable: check.checkRenderable, plainText: plain.plainText }),
  );
  return renderers;
}

interface RunState {
  store: Store;
  topics: ReadonlySet<string>;
  /** Title and abstract → what checking them found, so a paper in several files is rendered once. */
  checked: Map<string, Problem[]>;
}

/**
 * What the build would not render of a record: runs the build's own render functions on its title
 * and abstract (`checkRenderable`, and the plain text of feeds and teasers). A record stored with the
 * same title and abstract is not rendered again.
 */
async function renderProblems(record: PaperRecord, position: string, state: RunState): Promise<Problem[]> {
  const { title, id } = record.data;
  if (await storesSameText(state.store, record)) return [];
  const key = `${title}\u0000${record.abstract}`;
  let problems = state.checked.get(key);
  if (problems === undefined) {
    const { checkRenderable, plainText } = await loadRenderers();
    try {
      plainText(record.abstract);
      problems = checkRenderable({ title, abstract: record.abstract }).map((problem) => ({
        position,
        id,
        field: problem.field,
        message: `the site could not render it in full (it would show it as plain text): ${problem.message}`,
      }));
    } catch (error) {
      problems = [
        { position, id, message: `rendering failed: ${(error as Error).name}: ${(error as Error).message}` },
      ];
    }
    state.checked.set(key, problems);
  }
  return problems.map((problem) => ({ ...problem, position, id }));
}

async function importFile(file: string, options: ImportOptions, state: RunState): Promise<FileReport> {
  const name = basename(file);
  const report: FileReport = { file, counts: emptyCounts(), errors: [], notes: [], retracted: 0 };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    report.refused = `cannot read the file: ${(error as Error).message}`;
    return report;
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    report.refused = decoded.message;
    return report;
  }
  const text = decoded.text;
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
    const normalised = normaliseRecord(raw, {
      source: format.format,
      date: options.date,
      topics: state.topics,
    });
    if (!normalised.ok) {
      report.counts.rejected += 1;
      report.errors.push(...normalised.problems.map((problem) => formatProblem(name, problem)));
      continue;
    }
    const retraction = findRetraction(state.store, normalised.record);
    if (retraction !== undefined) {
      report.retracted += 1;
      report.notes.push(
        `${name}: ${raw.position} (${normalised.record.data.id}): skipped: "${retraction.id}" is retracted (${retraction.path}); \`npm run retract -- --undo ${retraction.id}\` takes it back`,
      );
      continue;
    }
    const unrenderable = await renderProblems(normalised.record, raw.position, state);
    if (unrenderable.length > 0) {
      report.counts.rejected += 1;
      report.errors.push(...unrenderable.map((problem) => formatProblem(name, problem)));
      continue;
    }
    let result: Awaited<ReturnType<typeof applyRecord>>;
    try {
      result = await applyRecord(state.store, normalised.record, { dryRun: options.dryRun });
    } catch (error) {
      if (!(error instanceof StoreRefusal)) throw error;
      report.counts.rejected += 1;
      report.errors.push(
        formatProblem(name, {
          position: raw.position,
          id: normalised.record.data.id,
          message: error.message,
        }),
      );
      continue;
    }
    report.notes.push(...normalised.warnings.map((warning) => formatProblem(name, warning)));
    const outcome: Outcome = result.outcome;
    report.counts[outcome] += 1;
    report.notes.push(...result.notes.map((note) => `${name}: ${raw.position} (${result.id}): ${note}`));
  }
  return report;
}
