import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../scripts/bench/generate.ts';
import { normaliseRecord } from '../src/lib/import/normalise.ts';
import { formatProblem } from '../src/lib/import/raw-record.ts';
import { parseHfDailyPapers } from '../src/lib/import/sources/hf.ts';
import type { PaperRecord } from '../src/lib/model/paper.ts';
import { SHARED_DATA } from './helpers.ts';

/**
 * The real Hugging Face days in `../shared/data/hf-days/` (one API response per day, named by the
 * request date), read through the importer's own parser and normaliser, without writing a store: the
 * records are what `npm run import -- --date DAY` would store. Early files have no
 * `submittedOnDailyAt`, so every file's day is its name.
 */

export const HF_DAYS = join(SHARED_DATA, 'hf-days');
export const HAS_HF_DAYS = existsSync(HF_DAYS);

export interface HfCorpus {
  /** One record per arXiv id, the first day it appeared on, files in day order. */
  readonly papers: readonly PaperRecord[];
  /** Files the parser refused whole, with its reason. */
  readonly refused: readonly string[];
  /** Records the parser or the normaliser rejected, as the importer prints them. */
  readonly rejected: readonly string[];
}

let cached: HfCorpus | undefined;

/** A paper of the labelled sample, as drawn (labels are added by hand). */
export interface DrawnPaper {
  day: string;
  arxiv: string;
  title: string;
}

/**
 * The population the labelled sample is drawn from, independent of what the importer accepts: in
 * file-name order, each item of a day's JSON array that is an object with a `paper.id`, in array
 * order, the first occurrence of each arXiv id. (Days dumped as Python reprs hold strings, not objects.)
 */
export function samplePopulation(): DrawnPaper[] {
  return populationItems().map(({ paper }) => paper);
}

/**
 * The arXiv ids of the population whose item (the one `samplePopulation` takes, on the paper's first
 * day) has a non-empty array `paper.ai_keywords`. Hugging Face items carry keywords from 2025-03 on,
 * nearly every one from 2025-05; a sample may be drawn from these papers only.
 */
export function papersWithKeywords(): Set<string> {
  return new Set(populationItems().flatMap(({ paper, keywords }) => (keywords ? [paper.arxiv] : [])));
}

let population: { paper: DrawnPaper; keywords: boolean }[] | undefined;

/** Reads every day once per test process, for both the population and its papers with keywords. */
function populationItems(): { paper: DrawnPaper; keywords: boolean }[] {
  population ??= readPopulationItems();
  return population;
}

function readPopulationItems(): { paper: DrawnPaper; keywords: boolean }[] {
  const papers = new Map<string, { paper: DrawnPaper; keywords: boolean }>();
  for (const file of readdirSync(HF_DAYS)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const items: unknown = JSON.parse(readFileSync(join(HF_DAYS, file), 'utf8'));
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const paper = (item as { paper?: { id?: unknown; title?: unknown; ai_keywords?: unknown } } | null)
        ?.paper;
      if (typeof paper?.id !== 'string' || papers.has(paper.id)) continue;
      const title = typeof paper.title === 'string' ? paper.title.replace(/\s+/g, ' ').trim() : '';
      const keywords = Array.isArray(paper.ai_keywords) && paper.ai_keywords.length > 0;
      papers.set(paper.id, {
        paper: { day: file.slice(0, -'.json'.length), arxiv: paper.id, title },
        keywords,
      });
    }
  }
  return [...papers.values()];
}

/**
 * `size` papers of the population without replacement: the first `size` steps of a Fisher–Yates
 * shuffle driven by mulberry32(seed), returned in population order.
 */
export function drawSample(population: readonly DrawnPaper[], seed: number, size: number): DrawnPaper[] {
  const order = population.map((_, index) => index);
  const random = mulberry32(seed);
  for (let step = 0; step < size; step++) {
    const pick = step + Math.floor(random() * (order.length - step));
    [order[step], order[pick]] = [order[pick] as number, order[step] as number];
  }
  return order
    .slice(0, size)
    .sort((a, b) => a - b)
    .map((index) => population[index] as DrawnPaper);
}

/** Reads every day once per test process. */
export function loadHfCorpus(): HfCorpus {
  cached ??= readHfDays();
  return cached;
}

function readHfDays(): HfCorpus {
  const papers = new Map<string, PaperRecord>();
  const refused: string[] = [];
  const rejected: string[] = [];
  for (const file of readdirSync(HF_DAYS)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const day = file.slice(0, -'.json'.length);
    const parsed = parseHfDailyPapers(readFileSync(join(HF_DAYS, file), 'utf8'), { date: day });
    if (!parsed.ok) {
      refused.push(`${file}: ${parsed.message}`);
      continue;
    }
    rejected.push(...parsed.errors.map((problem) => formatProblem(file, problem)));
    for (const raw of parsed.records) {
      const normalised = normaliseRecord(raw, { source: 'hf', date: day });
      if (!normalised.ok) {
        rejected.push(...normalised.problems.map((problem) => formatProblem(file, problem)));
        continue;
      }
      const { record } = normalised;
      if (!papers.has(record.data.id)) papers.set(record.data.id, record);
    }
  }
  return { papers: [...papers.values()], refused, rejected };
}
