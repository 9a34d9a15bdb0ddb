import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { needsShared } from '../../../tests/helpers.ts';
import {
  type DrawnPaper,
  drawSample,
  HAS_HF_DAYS,
  loadHfCorpus,
  papersWithKeywords,
  samplePopulation,
} from '../../../tests/hf-corpus.ts';
import { parseTaxonomy } from '../model/topic.ts';
import { parseTopicModel, TOPIC_MODEL_FILE } from '../model/topic-model.ts';
import { filePapers, labelAgreement, pairWithLabels, topicReport } from '../report/topic-report.ts';
import { TRAINING_DEFAULTS, trainTopicModel } from '../report/topic-training.ts';
import { readFiling } from './read-taxonomy.ts';
import { compileTaxonomy } from './topics.ts';

/**
 * content/topics.yaml, alone and with the learned model of content/topic-model.json, on the real
 * stream: the 279 Hugging Face days in ../shared/data/hf-days/ (2024-06 to 2025-06), and the papers of
 * them labelled by hand in tests/fixtures/topics/. The targets are issue 17's.
 */

const ROOT = new URL('../../../', import.meta.url).pathname;

const taxonomy = parseTaxonomy(
  readFileSync(new URL('../../../content/topics.yaml', import.meta.url), 'utf8'),
);
const compiled = compileTaxonomy(taxonomy);

interface LabelledSample {
  seed: number;
  size: number;
  /**
   * Which papers of the population the sample was drawn from: all of them when absent; with
   * "with-keywords", only those whose Hugging Face item carries a non-empty `paper.ai_keywords` (items
   * have them from 2025-03 on, nearly all from 2025-05, like the recent days that will judge the topics).
   */
  population?: 'with-keywords';
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
 * one of the others. Seed 27 was labelled after round 10 with the same reader's guideline. Seed 28 was
 * labelled after round 10 with the reader's guideline too, for measuring round 11 blind, and seed 29
 * after round 11 with it, for measuring round 12 blind, and seed 30 after round 12 with it, for measuring
 * round 13 blind. Seed 31 was labelled after round 13 with it, drawn only from the papers that carry
 * Hugging Face keywords, as every recent day's papers do, and seed 32 after round 14 with it, drawn
 * from those papers too, and seed 33 after round 15 with it, drawn from those papers too. Round 16 was
 * revised against seeds 26 to 33; seed 34, labelled after round 15 with the reader's guideline and drawn
 * from the papers with keywords too, while round 16 was written, measures round 16 blind.
 * Seed 35 was labelled after round 16 with it, drawn from all the remaining papers like seed 30, for
 * measuring round 16 a second time. Round 17 was revised against seeds 26 to 35. Seed 36 was labelled
 * after round 16 with it, for measuring round 17 blind: every remaining paper with keywords (50, a
 * census: the draw's size is the population's), and seed 37 with it, 100 drawn from all the papers left
 * after seed 36. Seed 38 was labelled after round 17 with it, for measuring round 18 blind: 150 drawn
 * from all the papers left after seed 37. Round 18 did no better than round 17 on it and was not
 * adopted, so seeds 36 to 38 all measure the current rules (round 17) out of sample. Seed 39 was
 * labelled after round 17 with it, for measuring the fallback evidence of round 18: 150 drawn from all
 * the papers left after seed 38, blind to round 17 and to the last resort. Seed 40 was labelled after the
 * learned model was built (trained on seeds 17 to 39), by a second labeller with the same guideline,
 * for measuring it: 150 drawn from all the papers left after seed 39.
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
  'seed-28-sample.json',
  'seed-29-sample.json',
  'seed-30-sample.json',
  'seed-31-sample.json',
  'seed-32-sample.json',
  'seed-33-sample.json',
  'seed-34-sample.json',
  'seed-35-sample.json',
  'seed-36-sample.json',
  'seed-37-sample.json',
  'seed-38-sample.json',
  'seed-39-sample.json',
  'seed-40-sample.json',
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
    const withKeywords = papersWithKeywords();
    const drawn = new Set<string>();
    for (const { name, sample } of SAMPLES) {
      // Papers of every sample leave the population of the later ones, whichever papers each was drawn from.
      const population = everyPaper.filter(
        (paper) =>
          !drawn.has(paper.arxiv) && (sample.population !== 'with-keywords' || withKeywords.has(paper.arxiv)),
      );
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

  test('the rules agree with the first sample’s hand labels: micro precision at least 0.83, recall at least 0.80', () => {
    // Issue 17's targets are 0.85 and 0.80; these strict labels leave out secondary subjects. Round 12
    // files benchmarks a method paper introduces (reader's guideline, seeds 26-28), which these labels
    // mostly leave out: 0.841, 0.884 (round 11: 0.850, 0.873). The precision floor was 0.85 until round 12,
    // then 0.84. Round 13 (training data a paper builds, reader's guideline, seeds 26-29): 0.838, 0.884,
    // one extra more, Post-training on a duplex dialogue model whose abstract says "we build a fine-tuning
    // dataset" (these labels: NLP only), so the floor is 0.83.
    const agreement = labelAgreement(filed, (SAMPLES[0] as (typeof SAMPLES)[number]).sample.papers, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(240);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.83);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.8);
  });

  test('on the 860 papers the round-9 rules were revised against, the strict labels hold their floors, in sample', () => {
    // Round 9 (tests/fixtures/topics/README.md) revised the rules against these 860 papers: precision
    // 0.853, recall 0.834 (the round-7 rules: 0.823, 0.825). That is an in-sample number; the
    // out-of-sample one is seed 25's, below. Round 11 files the secondary subjects of the reader's
    // guideline (seeds 26 and 27), which these strict labels leave out: precision 0.819, recall 0.851.
    // The precision floor was 0.85 (issue 17's target, met in sample by round 9) until round 11, then
    // 0.81. Round 12 (a benchmark a method paper introduces, more secondary subjects): 0.809, 0.857.
    // Round 13 (training recipes and data a paper names, more secondary subjects): 0.806, 0.861.
    // Round 16: 0.808, 0.864.
    const agreement = labelAgreement(
      filed,
      EARLIER.flatMap(({ sample }) => sample.papers),
      taxonomy,
    );
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(860);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.83);
  });

  test('on the samples labelled blind after the first, the rules do no worse than the round-9 measure', () => {
    // Each was labelled before a revision and measured once: precision 0.65–0.80, recall 0.71–0.83
    // (tests/fixtures/topics/README.md). The round-9 rules were revised against all 620 of them and reach
    // precision 0.840 and recall 0.826 on them (round 7: 0.799, 0.813), in sample. These floors catch a
    // rule change that makes things worse, nothing more. Round 11 (secondary subjects, which these strict
    // labels leave out) gives 0.807 and 0.842; the precision floor was 0.83 until round 11, then 0.80.
    // Round 12 gives 0.797 and 0.846, round 13 0.793 and 0.852, round 16 0.797 and 0.856.
    const labelled = EARLIER.slice(1).flatMap(({ sample }) => sample.papers);
    const agreement = labelAgreement(filed, labelled, taxonomy);
    expect(agreement.missing).toEqual([]);
    expect(agreement.papers).toBe(620);
    expect(agreement.micro.precision).toBeGreaterThanOrEqual(0.79);
    expect(agreement.micro.recall).toBeGreaterThanOrEqual(0.82);
  });

  /**
   * The samples measured once, blind, each labelled before the rules of its round were run on it
   * (tests/fixtures/topics/README.md). The floors sit just under those measures and catch a rule change
   * that makes things worse. Seed 25 uses the strict guideline; seeds 26 to 33 the reader's guideline (a
   * topic also when it is a substantial secondary subject), so their numbers do not compare with 25's.
   */
  const BLIND = [
    // Labelled before round 9, never used to change a rule: precision 0.730, recall 0.815 (round 7:
    // 0.720, 0.815). On all 980 strict labels together the round-9 rules give 0.836 and 0.831. Round 11:
    // 0.722, 0.852; round 12 0.719, 0.852 (one extra more: a benchmark a data-set paper introduces), so
    // the precision floor, 0.72 until round 12, is 0.71. Round 13: 0.717, 0.857. Round 14: 0.721, 0.862.
    { seed: 25, papers: 120, precision: 0.71, recall: 0.81 },
    // Labelled after round 9: 0.823, 0.735 (round 7: 0.811, 0.738); round 10 was then revised against it.
    // Round 12, in sample (revised against seeds 26-28 together): 0.845, 0.839. Round 13, in sample
    // (revised against seeds 26-29 together): 0.846, 0.849. Round 14 (seeds 26-30): 0.846, 0.849.
    // Round 16 (seeds 26-33): 0.846, 0.849, unchanged. Round 17 (seeds 26-35): 0.847, 0.853.
    { seed: 26, papers: 150, precision: 0.84, recall: 0.85 },
    // Labelled after round 10, round 10 out of sample: 0.838, 0.661 (round 7: 0.834, 0.661). 191 of 289
    // labels found: a floor of 0.66 would leave no room for one label more missed.
    // Round 12, in sample: 0.867, 0.765. Round 13, in sample: 0.868, 0.775. Round 14: 0.872, 0.779.
    // Round 15 (seeds 26-31): 0.875, 0.779. Round 16 (seeds 26-33): 0.876, 0.782. Round 17 (seeds
    // 26-35): 0.876, 0.785.
    { seed: 27, papers: 150, precision: 0.87, recall: 0.78 },
    // Round 11 was revised against seeds 26 and 27 (in sample): seed 25 0.722, 0.852 (strict labels, so
    // the secondary subjects it now files count against it); seed 26 0.847, 0.814; seed 27 0.869, 0.754.
    // Labelled after round 10, round 11 out of sample: 0.810, 0.685 (196 of 286 labels found, 46 extra;
    // round 10: 0.813, 0.654). Round 12 was revised against seeds 26-28 (in sample): 0.831, 0.741 (212
    // found, 43 extra). Round 13, in sample (seeds 26-29): 0.835, 0.759 (217 found, 43 extra). Round 14,
    // in sample (seeds 26-30): 0.838, 0.762 (218 found, 42 extra). Round 15, in sample (seeds 26-31):
    // 0.848, 0.762 (218 found, 39 extra). Round 16 (seeds 26-33): 0.853, 0.769 (220 found, 38 extra).
    // Round 17 (seeds 26-35): 0.858, 0.783 (224 found, 37 extra).
    { seed: 28, papers: 150, precision: 0.85, recall: 0.78 },
    // Labelled after round 11, round 12 out of sample: 0.862, 0.725 (224 of 309 labels found, 36 extra;
    // round 11: 0.858, 0.706). Its labels are generous: 2.06 topics a paper (seed 28: 1.91). Round 13 was
    // revised against seeds 26-29 (in sample): 0.872, 0.773 (239 found, 35 extra); the next blind sample
    // measures round 13. Round 14 (seeds 26-30): 0.872, 0.773, unchanged. Round 15 (seeds 26-31): 0.879,
    // 0.773 (239 found, 33 extra). Round 16 (seeds 26-33): 0.876, 0.777 (240 found, 34 extra). Round 17
    // (seeds 26-35): 0.878, 0.790 (244 found, 34 extra; 244 of 309 is 0.7896, so the floor is 0.78).
    { seed: 29, papers: 150, precision: 0.87, recall: 0.78 },
    // Labelled after round 12, round 13 out of sample: 0.781, 0.702 (203 of 289 labels found, 57 extra;
    // round 12: 0.783, 0.699; round 11: 0.783, 0.689). Round 14 was revised against seeds 26-30 (in
    // sample): 0.789, 0.713 (206 found, 55 extra); the floors, 0.77 and 0.69 after round 13, sit just under.
    // Round 15 (seeds 26-31, in sample): 0.808, 0.713 (206 found, 49 extra). Round 16 (seeds 26-33):
    // 0.814, 0.727 (210 found, 48 extra). Round 17 (seeds 26-35): 0.821, 0.744 (215 found, 47 extra).
    { seed: 30, papers: 150, precision: 0.82, recall: 0.74 },
    // Drawn from the papers with Hugging Face keywords (as every recent day's are), labelled after round
    // 13, round 14 out of sample: 0.822, 0.781 (236 of 302 labels found, 51 extra; round 13: 0.815,
    // 0.772; round 12: 0.814, 0.768). The floors leave room for one label more missed and one extra more.
    // Round 15 was revised against seeds 26-31, so seed 31 is now in sample: 0.834, 0.781 (236 found, 47
    // extra); the next blind sample measures round 15. Round 16 (seeds 26-33): 0.839, 0.791 (239 found, 46
    // extra). Round 17 (seeds 26-35): 0.846, 0.798 (241 found, 44 extra).
    { seed: 31, papers: 150, precision: 0.84, recall: 0.79 },
    // Drawn like seed 31 from the papers with keywords, labelled after round 14, round 15 out of sample:
    // 0.795, 0.740 (233 of 315 labels found, 60 extra; round 14: 0.793, 0.740). Round 16 was revised
    // against seeds 26-33, so seed 32 is now in sample: 0.802, 0.746 (235 found, 58 extra). Round 17
    // (seeds 26-35): 0.808, 0.762 (240 found, 57 extra).
    { seed: 32, papers: 150, precision: 0.8, recall: 0.76 },
    // Drawn like seed 32, labelled after round 15, round 15 out of sample a second time: 0.849, 0.788
    // (242 of 307 labels found, 43 extra; round 14: 0.846, 0.788). Seeds 32 and 33 together, 300 papers
    // both blind for round 15: 0.822, 0.764. Round 16 was revised against seeds 26-33, so seed 33 is now
    // in sample: 0.858, 0.808 (248 found, 41 extra); seeds 32 and 33 together 0.830, 0.777. The next blind
    // sample measures round 16. Round 17 (seeds 26-35): 0.859, 0.814 (250 found, 41 extra).
    { seed: 33, papers: 150, precision: 0.85, recall: 0.81 },
    // Drawn like seed 33, labelled after round 15 while round 16 was written elsewhere, round 16 out of
    // sample: 0.873, 0.851 (275 of 323 labels found, 40 extra; round 15: 0.873, 0.848, 274 found, 40
    // extra). Seeds 32, 33 and 34 together, 450 papers all blind for round 15: 0.840, 0.793. The floors
    // leave room for one label more missed and one extra more. Round 17 was revised against seeds 26-35,
    // so seed 34 is now in sample: 0.873, 0.870 (281 found, 41 extra).
    { seed: 34, papers: 150, precision: 0.87, recall: 0.86 },
    // Drawn from all the remaining papers like seed 30 (mostly 2024's: the papers with keywords are nearly
    // all drawn), labelled after round 16, round 16 out of sample a second time: 0.823, 0.721 (209 of 290
    // labels found, 45 extra; round 15: 0.822, 0.717). Seeds 34 and 35 together, 300 papers both blind
    // for round 16: 0.851, 0.790. Round 17 was revised against seeds 26-35, so seed 35 is now in sample:
    // 0.841, 0.766 (222 found, 42 extra); seeds 34 and 35 together 0.858, 0.821. The next blind sample
    // measures round 17.
    { seed: 35, papers: 150, precision: 0.84, recall: 0.76 },
    // The 50 papers with keywords that no earlier sample held (a census), labelled after round 16, round
    // 17 out of sample: 0.825, 0.762 (80 of 105 labels found, 17 extra; round 16 the same: round 17 moves
    // none of these papers).
    { seed: 36, papers: 50, precision: 0.81, recall: 0.75 },
    // 100 of all the papers left after seed 36 (mostly 2024's), labelled after round 16, round 17 out of
    // sample: 0.794, 0.726 (135 of 186 labels found, 35 extra; round 16 the same). Seeds 36 and 37
    // together: 0.805, 0.739. Round 16 on seeds 34-37, 450 papers all blind to it: 0.836, 0.773.
    { seed: 37, papers: 100, precision: 0.78, recall: 0.72 },
    // 150 of all the papers left after seed 37 (mostly 2024's), labelled after round 17, round 17 out of
    // sample: 0.836, 0.758 (219 of 289 labels found, 43 extra; round 16: 0.830, 0.744). Round 18, written
    // against seeds 26-37 meanwhile, gave 0.829, 0.754 on it (218 found, 45 extra) and was not adopted.
    // Seeds 36-38, 300 papers all blind to round 17: 0.820, 0.748. Round 18b's last resort (a paper no
    // rule files goes to the topic it mentions most, minimum chosen on seeds 17-38, so in sample): seed
    // 38 0.844, 0.765; seeds 36-38 0.827, 0.757; seeds 26-38 0.846, 0.789 -> 0.850, 0.795. No floor moved.
    { seed: 38, papers: 150, precision: 0.83, recall: 0.75 },
    // 150 of all the papers left after seed 38 (mostly 2024's), labelled after round 17 while the last
    // resort was written, both out of sample: round 17 alone 0.766, 0.698 (183 of 262 labels found, 56
    // extra, 10 papers only under Other); with the last resort 0.779, 0.714 (187 found, 53 extra, 4 only
    // under Other), which is why it was adopted. Round 17 on seeds 36-39, 450 papers blind to it: 0.803,
    // 0.733.
    { seed: 39, papers: 150, precision: 0.77, recall: 0.71 },
    // 150 of all the papers left after seed 39, labelled after the learned model was built, by a second
    // labeller with the same guideline, blind to the rules and the model: the rules alone 0.788, 0.757
    // (190 of 251 labels found, 51 extra, 8 papers only under Other).
    { seed: 40, papers: 150, precision: 0.78, recall: 0.75 },
  ];

  test.each(BLIND)(
    'on seed $seed, measured once blind, precision stays at $precision or more and recall at $recall or more',
    ({ seed, papers, precision, recall }) => {
      const sample = (SAMPLES.find((entry) => entry.sample.seed === seed) as (typeof SAMPLES)[number]).sample;
      const agreement = labelAgreement(filed, sample.papers, taxonomy);
      expect(agreement.missing).toEqual([]);
      expect(agreement.papers).toBe(papers);
      expect(agreement.micro.precision).toBeGreaterThanOrEqual(precision);
      expect(agreement.micro.recall).toBeGreaterThanOrEqual(recall);
    },
  );
});

describe.skipIf(!HAS_HF_DAYS)(
  needsShared('the rules and the learned model on the shared Hugging Face days'),
  () => {
    const corpus = HAS_HF_DAYS ? loadHfCorpus() : { papers: [], refused: [], rejected: [] };
    const filing = readFiling(ROOT);
    const topics = taxonomy.filter((topic) => !topic.fallback).map((topic) => topic.id);
    // As `npm run topics -- --labels 'tests/fixtures/topics/*.json' --train` reads them: files in name order.
    const labelled = (samples: typeof SAMPLES) =>
      [...samples].sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap(({ sample }) => sample.papers);
    const training = (samples: typeof SAMPLES) => {
      const { found, missing } = pairWithLabels(corpus.papers, (record) => record, labelled(samples));
      expect(missing).toEqual([]);
      return found.map(({ item, labels }) => ({ ...item.data, abstract: item.abstract, labels }));
    };

    test('with the model, at most 10 % of the papers only in the fallback, no topic over 35 %, at most 2.5 topics a paper', () => {
      expect(filing.compiled.model).toBeDefined();
      const report = topicReport(filePapers(corpus.papers, filing.compiled), taxonomy, filing.compiled);
      expect(report.fallback.share).toBeLessThanOrEqual(0.1);
      for (const topic of report.topics) expect(topic.share, topic.id).toBeLessThanOrEqual(0.35);
      expect(report.topicsPerPaper).toBeLessThanOrEqual(2.5);
    });

    test('content/topic-model.json is what training on every committed sample gives', () => {
      const committed = parseTopicModel(readFileSync(new URL(TOPIC_MODEL_FILE, `file://${ROOT}`), 'utf8'));
      const trained = trainTopicModel(training(SAMPLES), topics, TRAINING_DEFAULTS, committed.about);
      expect(trained).toEqual(committed);
    });

    test.each([
      // Thresholds and settings were chosen by cross-validation on seeds 26 to 35 only
      // (tests/fixtures/topics/README.md). Seeds 36 to 39, measured when the model was built: the rules
      // alone 0.812, 0.743 (626 agreed, 145 extra, 216 missed), with the model 0.822, 0.806 (679, 147,
      // 163). Seed 40, labelled afterwards by another labeller and measured once against the model
      // trained on seeds 17 to 39: the rules 0.788, 0.757 (190, 51, 61), with the model 0.788, 0.817
      // (205, 55, 46).
      { before: 36, last: 39, precision: 0.815, recall: 0.8 },
      { before: 40, last: 40, precision: 0.78, recall: 0.81 },
    ])(
      'trained only on the samples before seed $before, the model lifts the rules on seeds $before to $last, which it never saw',
      ({ before, last, precision, recall }) => {
        const model = trainTopicModel(
          training(SAMPLES.filter(({ sample }) => sample.seed < before)),
          topics,
          TRAINING_DEFAULTS,
        );
        const withModel = compileTaxonomy(taxonomy, { data: model, file: 'trained in the test' });
        const later = SAMPLES.filter(({ sample }) => sample.seed >= before && sample.seed <= last).flatMap(
          ({ sample }) => sample.papers,
        );
        const rules = labelAgreement(filePapers(corpus.papers, compiled), later, taxonomy).micro;
        const both = labelAgreement(filePapers(corpus.papers, withModel), later, taxonomy).micro;
        const f1 = ({ precision, recall }: { precision: number; recall: number }) =>
          (2 * precision * recall) / (precision + recall);
        expect(both.precision).toBeGreaterThanOrEqual(precision);
        expect(both.recall).toBeGreaterThanOrEqual(recall);
        expect(f1(both)).toBeGreaterThanOrEqual(f1(rules) + 0.02);
      },
    );
  },
);
