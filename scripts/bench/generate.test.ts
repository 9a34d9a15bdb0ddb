import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { PaperRecord } from '../../src/lib/model/paper.ts';
import { HAS_HF_DAYS, loadHfCorpus } from '../../tests/hf-corpus.ts';
import {
  type GeneratedPaper,
  generateDay,
  hfDayJson,
  makeCorpus,
  makeVocabulary,
  mulberry32,
  NON_WORD,
  zipfSampler,
} from './generate.ts';

const corpus = makeCorpus(1);
const papers: GeneratedPaper[] = Array.from({ length: 6 }, (_, day) => generateDay(corpus, day, 50)).flat();

/** Whitespace-separated words, math spans, URLs and lone punctuation left out. */
const words = (text: string) =>
  text
    .replace(NON_WORD, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));

/** Occurrences of each lower-cased word, most frequent first. */
function frequencies(texts: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of words(text.toLowerCase()).map((word) => word.replace(/[.,:]+$/, ''))) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts.values()].sort((a, b) => b - a);
}

describe('vocabulary', () => {
  test('has at least 40,000 distinct words', () => {
    const vocabulary = makeVocabulary(1, 60_000);
    expect(vocabulary).toHaveLength(60_000);
    expect(new Set(vocabulary).size).toBeGreaterThanOrEqual(40_000);
    expect(corpus.vocabulary).toHaveLength(60_000);
  });

  test('words are drawn by Zipf rank: rank 1 is about 10 times as frequent as rank 10', () => {
    const sample = zipfSampler(60_000);
    const rng = mulberry32(3);
    const counts = new Array<number>(10).fill(0);
    for (let index = 0; index < 500_000; index++) {
      const rank = sample(rng);
      if (rank < 10) counts[rank] = (counts[rank] ?? 0) + 1;
    }
    const ratio = (counts[0] ?? 0) / (counts[9] ?? 1);
    expect(ratio).toBeGreaterThan(8.5);
    expect(ratio).toBeLessThan(11.5);
  });

  test('generated abstracts keep the Zipf shape', () => {
    const counts = frequencies(papers.map((paper) => paper.abstract));
    const ratio = (counts[0] ?? 0) / (counts[9] ?? 1);
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThan(15);
  });
});

describe('papers', () => {
  test.each([
    ['title words', 1, 24, (paper: GeneratedPaper) => words(paper.title).length],
    ['abstract words', 25, 309, (paper: GeneratedPaper) => words(paper.abstract).length],
    ['authors', 1, 664, (paper: GeneratedPaper) => paper.authors.length],
  ] as const)('%s stay within %i–%i', (_, min, max, measure) => {
    const values = papers.map(measure);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(min);
    expect(Math.max(...values)).toBeLessThanOrEqual(max);
    // The whole range is used, not one value.
    expect(new Set(values).size).toBeGreaterThan(3);
  });

  test('some carry inline math and code links, and ids are unique', () => {
    // Formulas are rare in real abstracts (MATH_SHARE), so they are looked for in 40 days, not 6.
    const more = Array.from({ length: 40 }, (_, day) => generateDay(corpus, day, 50)).flat();
    expect(more.some((paper) => /\$[^$]+\$/.test(paper.abstract))).toBe(true);
    expect(more.some((paper) => /\\\(.+?\\\)/.test(paper.abstract))).toBe(true);
    expect(papers.some((paper) => paper.githubRepo?.startsWith('https://github.com/'))).toBe(true);
    expect(papers.some((paper) => paper.abstract.includes('https://github.com/'))).toBe(true);
    expect(papers.some((paper) => paper.keywords.length > 0 && paper.upvotes > 0)).toBe(true);
    expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
  });

  test('are the same for a seed, and differ for another seed', () => {
    expect(hfDayJson(makeCorpus(1), 4, 50)).toBe(hfDayJson(corpus, 4, 50));
    expect(hfDayJson(makeCorpus(2), 4, 50)).not.toBe(hfDayJson(corpus, 4, 50));
  });
});

const shapeTitle = 'generated papers have the shape of the shared real days';
describe.skipIf(!HAS_HF_DAYS)(
  HAS_HF_DAYS ? shapeTitle : `${shapeTitle} (skipped: ../shared/data is missing)`,
  () => {
    const real = HAS_HF_DAYS ? loadHfCorpus().papers : [];
    const generated = Array.from({ length: 80 }, (_, day) => generateDay(corpus, day, 50)).flat();
    const count = (text: string) => text.split(/\s+/).filter(Boolean).length;
    const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const median = (values: readonly number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

    test.each([
      [
        'words per abstract',
        (paper: PaperRecord) => count(paper.abstract),
        (paper: GeneratedPaper) => count(paper.abstract),
      ],
      [
        'words per title',
        (paper: PaperRecord) => count(paper.data.title),
        (paper: GeneratedPaper) => count(paper.title),
      ],
      [
        'authors per paper',
        (paper: PaperRecord) => paper.data.authors.length,
        (paper: GeneratedPaper) => paper.authors.length,
      ],
    ] as const)('%s: mean and median within a tenth of the real ones', (_, ofReal, ofGenerated) => {
      const realValues = real.map(ofReal);
      const generatedValues = generated.map(ofGenerated);
      expect(Math.abs(mean(generatedValues) / mean(realValues) - 1)).toBeLessThan(0.1);
      expect(Math.abs(median(generatedValues) / median(realValues) - 1)).toBeLessThan(0.1);
    });

    test('formulas are as rare as in real abstracts: at most twice their share', () => {
      const share = (texts: readonly string[]) =>
        texts.filter((text) => /\$[^$]+\$|\\\(|\\[a-zA-Z]+/.test(text)).length / texts.length;
      const realShare = share(real.map((paper) => paper.abstract));
      expect(realShare).toBeGreaterThan(0);
      expect(share(generated.map((paper) => paper.abstract))).toBeLessThan(2 * realShare);
    });
  },
);

describe('a generated day file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-generate-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is a Hugging Face daily-papers response', () => {
    const items = JSON.parse(hfDayJson(corpus, 0, 50)) as { paper: Record<string, unknown> }[];
    expect(items).toHaveLength(50);
    expect(Object.keys(items[0]?.paper ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'authors',
        'submittedOnDailyAt',
        'title',
        'summary',
        'upvotes',
        'ai_keywords',
      ]),
    );
  });

  test('is accepted by the importer with nothing rejected', () => {
    const file = join(dir, 'hf-daily-papers-2026-11-27.json');
    writeFileSync(file, hfDayJson(corpus, 0, 50));
    const run = spawnSync('npm', ['run', 'import', '--', '--dry-run', '--out', join(dir, 'papers'), file], {
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/rejected|error/i);
    expect(run.stdout).toContain('total: 50 new, 0 updated, 0 unchanged, 0 rejected');
    expect(run.status).toBe(0);
  }, 60_000);
});
