import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { needsShared } from '../../../tests/helpers.ts';
import {
  type DrawnPaper,
  drawSample,
  HAS_HF_DAYS,
  loadHfCorpus,
  samplePopulation,
} from '../../../tests/hf-corpus.ts';
import { parseTaxonomy } from '../model/topic.ts';
import { filePapers, labelAgreement, topicReport } from '../report/topic-report.ts';
import { compileTaxonomy } from './topics.ts';

/**
 * content/topics.yaml on the real stream: the 279 Hugging Face days in ../shared/data/hf-days/
 * (2024-06 to 2025-06), and the papers of them labelled by hand in tests/fixtures/topics/. The targets
 * are issue 17's.
 */

const taxonomy = parseTaxonomy(
  readFileSync(new URL('../../../content/topics.yaml', import.meta.url), 'utf8'),
);
const compiled = compileTaxonomy(taxonomy);

interface LabelledSample {
  seed: number;
  size: number;
  papers: (DrawnPaper & { labels: string[] })[];
}

/**
 * The samples in the order they were drawn: each one's population leaves out the ones before it. The
 * first was labelled before the rules were written and they were developed against it; each later one
 * was labelled before the rules' next revision, measured once, and then (all but the last) used to find
 * what the rules got wrong. Seeds 23 and 24 were both labelled after round 7 (seed 24 was meant for
 * round 8, which was not adopted) and used in round 9; seed 25 was labelled before round 9 and is not
 * used to find what the rules get wrong. Seed 26 was labelled after round 9 with a reader's guideline (a
 * topic also when it is a substantial secondary subject, not only the main one) rather than the strict
 * one of the others. Seed 27 was labelled after round 10 with the same reader's guideline.
 * tests/fixtures/topics/README.md has their history and numbers.
 */
const SAMPLES = [
  'labelled-sample.json',
  'held-out-sample.json',
  'blind-sample.json',
  'final-sample.json',
  'last-sample.json',
  'seed-22-sample.json',
  'seed-23-sample.json',
  'seed-24-sample.json',
  'seed-25-sample.json',
  'seed-26-sample.json',
  'seed-27-sample.json',
].map((name) => ({
  name,
  sample: JSON.parse(
    readFileSync(new URL(`../../../tests/fixtures/topics/${name}`, import.meta.url), 'utf8'),
  ) as LabelledSample,
}));

/** The samples labelled up to round 7 (860 papers), without seed 25. */
const EARLIER = SAMPLES.filter(({ sample }) => sample.seed <= 24);

describe.skipIf(!HAS_HF_DAYS)(needsShared('content/topics.yaml on the shared Hugging Face days'), () => {
  const corpus = HAS_HF_DAYS ? loadHfCorpus() : { papers: [], refused: [], rejected: [] };
  const filed = filePapers(corpus.papers, compiled);

  test('the shared days give at least 3,600 distinct papers', () => {
    expect(corpus.papers.length).toBeGreaterThanOrEqual(3600);
  });

  test('at most 10 % of the papers only in the fallback, no topic over 35 %, at most 2.5 topics a paper', () => {
    const report = topicReport(filed, taxonomy, compiled);
    expect(report.fallback.share).toBeLessThanOrEqual(0.1);
    for (const topic of report.topics) expect(topic.share, topic.id).toBeLessThanOrEqual(0.35);
    expect(report.topicsPerPaper).toBeLessThanOrEqual(2.5);
  });

  test('each labelled sample is exactly its documented seeded draw', () => {
    const everyPaper = samplePopulation();
    const drawn = new Set<string>();
    for (const { name, sample } of SAMPLES) {
      const population = everyPaper.filter((paper) => !drawn.has(paper.arxiv));
      const expected = drawSample(population, sample.seed, sample.size);
      const actual = sample.papers.map(({ day, arxiv, title }) => ({ day, arxiv, title }));
      expect(actual, name).toEqual(expected);
      for (const paper of expected) drawn.add(paper.arxiv);
    }
  });

  test('every label is a topic of the taxonomy, and every paper has one', () => {
    const ids = new Set(taxonomy.map((topic) => topic.id));
    for (const { name, sample } of SAMPLES) {
      for (const paper of sample.papers) {
        expect(paper.labels.length, `${name}: ${paper.arxiv}`).toBeGreaterThan(0);
        for (const label of paper.labels)
          expect(ids.has(label), `${name}: ${paper.arxiv}: ${label}`).toBe(true);
      }
    }
  });

  test('the rules agree with the first sample’s hand labels: micro precision at least 0.85, recall at least 0.80', () => {
    const agreement = labelAgreement(filed, (SAMPLES[0] as (typeof SAMPLES)[number]).sample.papers, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(240);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.8);
  });

  test('on the 860 papers the round-9 rules were revised against, both targets hold, in sample', () => {
    // Round 9 (tests/fixtures/topics/README.md) revised the rules against these 860 papers: precision
    // 0.853, recall 0.834 (the round-7 rules: 0.823, 0.825). That is an in-sample number; the
    // out-of-sample one is seed 25's, below.
    const agreement = labelAgreement(
      filed,
      EARLIER.flatMap(({ sample }) => sample.papers),
      taxonomy,
    );
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(860);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.83);
  });

  test('on the samples labelled blind after the first, the rules do no worse than the round-9 measure', () => {
    // Each was labelled before a revision and measured once: precision 0.65–0.80, recall 0.71–0.83
    // (tests/fixtures/topics/README.md). The round-9 rules were revised against all 620 of them and reach
    // precision 0.840 and recall 0.826 on them (round 7: 0.799, 0.813), in sample. These floors catch a
    // rule change that makes things worse, nothing more.
    const labelled = EARLIER.slice(1).flatMap(({ sample }) => sample.papers);
    const agreement = labelAgreement(filed, labelled, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(620);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.83);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.82);
  });

  test('on seed 25, labelled blind before round 9 and measured once, recall meets the target and precision does not', () => {
    // Seed 25, labelled before round 9 without running the rules on it, never used to change them:
    // precision 0.730, recall 0.815 (the round-7 rules: 0.720, 0.815). On all 980 labelled papers
    // together the round-9 rules give 0.836 and 0.831.
    const last = (SAMPLES.find(({ sample }) => sample.seed === 25) as (typeof SAMPLES)[number]).sample;
    const agreement = labelAgreement(filed, last.papers, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(120);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.72);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.81);
  });

  test('on seed 26, labelled blind after round 9 with the reader’s guideline, the reader’s-guideline measure: precision 0.82, recall 0.73', () => {
    // Seed 26 counts a topic also when it is a substantial secondary subject of the paper, as a reader
    // who follows the topic would want it, not only the main subject (tests/fixtures/topics/README.md,
    // "Seed 26: a reader's guideline"). Measured once: precision 0.823, recall 0.735 (the round-7 rules:
    // 0.811, 0.738). Not comparable with the other samples' numbers, which use the strict guideline.
    const seed26 = (SAMPLES.find(({ sample }) => sample.seed === 26) as (typeof SAMPLES)[number]).sample;
    const agreement = labelAgreement(filed, seed26.papers, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(150);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.82);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.73);
  });

  test('on seed 27, labelled blind after round 10 with the reader’s guideline, the round-10 measure out of sample: precision 0.84, recall 0.66', () => {
    // Seed 27, drawn like seed 26 from the papers no earlier sample holds and labelled after round 10 with
    // the same reader's guideline, before the rules were run on it (tests/fixtures/topics/README.md, "Seed
    // 27: round 10 out of sample"). Measured once: precision 0.838, recall 0.661 (the round-7 rules: 0.834,
    // 0.661). Not comparable with the strict samples' numbers.
    const seed27 = (SAMPLES.find(({ sample }) => sample.seed === 27) as (typeof SAMPLES)[number]).sample;
    const agreement = labelAgreement(filed, seed27.papers, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(150);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.83);
    // 191 of 289 labels found; 0.66 would leave no room for one label more missed.
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.65);
  });
});
