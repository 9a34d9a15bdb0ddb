/**
 * Trains `content/topic-model.json` from hand-labelled papers: per topic, an L2-regularised linear SVM
 * with squared hinge loss (LIBLINEAR's default), solved by dual coordinate descent (Hsieh et al., 2008)
 * over the features of site/topic-model.ts, and Platt's sigmoid fitted to the scores it gives papers it
 * was not trained on (cross-validated), so that each topic's score reads as a probability and one
 * threshold fits topics of any size. The papers are visited in a fixed pseudo-random order and split
 * into folds by position, so the same labels give the same file on every machine.
 */
import { MODEL_FIELDS, type ModelField, type TopicModelData } from '../model/topic-model.ts';
import { type PaperText, paperFeatures } from '../site/topic-model.ts';

/** A hand-labelled paper to train on. */
export interface TrainingPaper extends PaperText {
  readonly labels: readonly string[];
}

export interface TrainingOptions {
  readonly fieldWeights: Readonly<Record<ModelField, number>>;
  /** The SVM's C: higher fits the training labels more closely. */
  readonly cost: number;
  /** A term must occur in at least this many training papers to get a weight. */
  readonly minPapers: number;
  /**
   * A topic needs at least this many labelled papers to get a classifier: from a handful, the model
   * learns little but its bias, and would add the topic to papers it knows nothing about.
   */
  readonly minPositives: number;
  /** Weights smaller than this in absolute value are left out of the file. */
  readonly prune: number;
  /** The probabilities the model file says to add and remove topics at (model/topic-model.ts). */
  readonly addAt: number;
  readonly dropAt: number;
  /** The most passes over the papers; coordinate descent stops earlier when it converges. */
  readonly passes: number;
  /** The folds whose held-out scores the calibration is fitted to. */
  readonly folds: number;
}

/**
 * The settings `npm run topics -- --train` uses. Chosen by leave-one-sample-out cross-validation over
 * the reader's-guideline samples of seeds 26 to 35 (tests/fixtures/topics/README.md, "The learned
 * model"): the thresholds that gave the rules and the model together the best F1 there, and the
 * smallest file whose F1 was within 0.005 of the model without pruning.
 */
export const TRAINING_DEFAULTS: TrainingOptions = {
  fieldWeights: { title: 0.5, keywords: 0.25, abstract: 1 },
  cost: 1,
  minPapers: 3,
  minPositives: 20,
  prune: 0.2,
  addAt: 0.6,
  dropAt: 0.03,
  passes: 200,
  folds: 5,
};

/** The training papers as rows over a vocabulary; the last column is the constant bias feature. */
interface Design {
  readonly terms: readonly string[];
  readonly rows: readonly Row[];
}

interface Row {
  readonly columns: Int32Array;
  readonly values: Float64Array;
  /** The row's squared norm. */
  readonly squared: number;
}

function design(papers: readonly PaperText[], options: TrainingOptions): Design {
  const featureMaps = papers.map((paper) => paperFeatures(paper, options.fieldWeights));
  const paperCount = new Map<string, number>();
  for (const features of featureMaps)
    for (const term of features.keys()) paperCount.set(term, (paperCount.get(term) ?? 0) + 1);
  const terms = [...paperCount]
    .filter(([, count]) => count >= options.minPapers)
    .map(([term]) => term)
    .sort();
  const column = new Map(terms.map((term, index) => [term, index]));
  const rows = featureMaps.map((features) => {
    const kept = [...features].filter(([term]) => column.has(term));
    // The bias is a feature of value 1, regularised like the others (LIBLINEAR's way).
    const columns = Int32Array.from([...kept.map(([term]) => column.get(term) as number), terms.length]);
    const values = Float64Array.from([...kept.map(([, value]) => value), 1]);
    return { columns, values, squared: values.reduce((sum, value) => sum + value * value, 0) };
  });
  return { terms, rows };
}

/** A fixed pseudo-random order of `count` items (Fisher–Yates over a linear congruential stream). */
function shuffledOrder(count: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, index) => index);
  let state = seed >>> 0;
  for (let index = count - 1; index > 0; index--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const other = state % (index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

/** A row's score under the weights (the bias is its last column). */
function score(row: Row, weights: Float64Array): number {
  let total = 0;
  for (let at = 0; at < row.columns.length; at++)
    total += (weights[row.columns[at] as number] as number) * (row.values[at] as number);
  return total;
}

/** One topic's classifier: the weight of each column, the bias last. */
function trainBinary(data: Design, positive: readonly boolean[], options: TrainingOptions): Float64Array {
  const weights = new Float64Array(data.terms.length + 1);
  const alpha = new Float64Array(data.rows.length);
  const diagonal = 1 / (2 * options.cost);
  for (let pass = 0; pass < options.passes; pass++) {
    let largest = 0;
    for (const paper of shuffledOrder(data.rows.length, pass + 1)) {
      const row = data.rows[paper] as Row;
      const sign = positive[paper] ? 1 : -1;
      const previous = alpha[paper] as number;
      const gradient = sign * score(row, weights) - 1 + diagonal * previous;
      const projected = previous === 0 ? Math.min(gradient, 0) : gradient;
      if (projected === 0) continue;
      largest = Math.max(largest, Math.abs(projected));
      const next = Math.max(previous - gradient / (row.squared + diagonal), 0);
      alpha[paper] = next;
      const step = (next - previous) * sign;
      for (let at = 0; at < row.columns.length; at++) {
        const column = row.columns[at] as number;
        weights[column] = (weights[column] as number) + step * (row.values[at] as number);
      }
    }
    if (largest < 1e-3) break;
  }
  return weights;
}

/** Rounded to three decimals, as the file stores weights (and -0 as 0). */
function rounded(value: number): number {
  return Math.round(value * 1000) / 1000 || 0;
}

/** The weights as the file keeps them: rounded, and those under `prune` left out (the bias always kept). */
function asStored(weights: Float64Array, prune: number): Float64Array {
  return weights.map((weight, column) => {
    const kept = rounded(weight);
    return column === weights.length - 1 || Math.abs(kept) >= prune ? kept : 0;
  });
}

/**
 * Each paper's score from a classifier trained without it: the papers split into `folds` by position,
 * each fold scored by the stored weights of a classifier trained on the others.
 */
function heldOutScores(data: Design, positive: readonly boolean[], options: TrainingOptions): number[] {
  const scores = new Array<number>(data.rows.length).fill(0);
  for (let fold = 0; fold < options.folds; fold++) {
    const inFold = (paper: number) => paper % options.folds === fold;
    const training = data.rows.flatMap((_, paper) => (inFold(paper) ? [] : [paper]));
    const weights = asStored(
      trainBinary(
        { terms: data.terms, rows: training.map((paper) => data.rows[paper] as Row) },
        training.map((paper) => positive[paper] as boolean),
        options,
      ),
      options.prune,
    );
    data.rows.forEach((row, paper) => {
      if (inFold(paper)) scores[paper] = score(row, weights);
    });
  }
  return scores;
}

/**
 * Platt's sigmoid `[A, B]` (probability `1 / (1 + exp(A s + B))`) that best fits scores to labels: the
 * maximum-likelihood fit with the targets smoothed by the class sizes, by Newton's method with
 * backtracking (Lin, Lin and Weng, 2007).
 */
export function fitSigmoid(scores: readonly number[], positive: readonly boolean[]): [number, number] {
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  const targets = positive.map((yes) => (yes ? (positives + 1) / (positives + 2) : 1 / (negatives + 2)));
  const loss = (a: number, b: number) =>
    scores.reduce((total, value, index) => {
      const z = value * a + b;
      const target = targets[index] as number;
      return (
        total + (z >= 0 ? target * z + Math.log1p(Math.exp(-z)) : (target - 1) * z + Math.log1p(Math.exp(z)))
      );
    }, 0);
  let [a, b] = [0, Math.log((negatives + 1) / (positives + 1))];
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let [h11, h22, h21, g1, g2] = [1e-12, 1e-12, 0, 0, 0];
    scores.forEach((value, index) => {
      const z = value * a + b;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const d2 = p * (1 - p);
      h11 += value * value * d2;
      h22 += d2;
      h21 += value * d2;
      const d1 = (targets[index] as number) - p;
      g1 += value * d1;
      g2 += d1;
    });
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const determinant = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / determinant;
    const db = -(-h21 * g1 + h11 * g2) / determinant;
    const slope = g1 * da + g2 * db;
    let step = 1;
    while (step >= 1e-10) {
      const next = loss(a + step * da, b + step * db);
      if (next < current + 1e-4 * step * slope) {
        [a, b, current] = [a + step * da, b + step * db, next];
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return [a, b];
}

/**
 * One classifier per topic of `topics` (the taxonomy's, without the fallback) that at least
 * `minPositives` papers are labelled with: a paper is a positive example of each topic its labels name,
 * a negative one of every other. A topic without a classifier is filed by the rules alone.
 */
export function trainTopicModel(
  papers: readonly TrainingPaper[],
  topics: readonly string[],
  options: TrainingOptions = TRAINING_DEFAULTS,
  about = '',
): TopicModelData {
  const data = design(papers, options);
  const bias: Record<string, number> = {};
  const calibration: Record<string, [number, number]> = {};
  const terms: Record<string, Record<string, number>> = {};
  for (const topic of topics) {
    const positive = papers.map((paper) => paper.labels.includes(topic));
    if (positive.filter(Boolean).length < options.minPositives) continue;
    const weights = asStored(trainBinary(data, positive, options), options.prune);
    bias[topic] = weights[data.terms.length] as number;
    const [a, b] = fitSigmoid(heldOutScores(data, positive, options), positive);
    calibration[topic] = [rounded(a), rounded(b)];
    data.terms.forEach((term, column) => {
      const weight = weights[column] as number;
      if (weight === 0) return;
      terms[term] ??= {};
      terms[term][topic] = weight;
    });
  }
  return {
    about,
    trainedOn: papers.length,
    fieldWeights: { ...options.fieldWeights },
    addAt: options.addAt,
    dropAt: options.dropAt,
    bias,
    calibration,
    terms,
  };
}

/**
 * The model file's text: one term a line, in the order of the fields and then of the terms, so that
 * training again on a few more labels gives a diff a reviewer can read.
 */
export function formatTopicModel(model: TopicModelData): string {
  const fieldOrder = Object.values(MODEL_FIELDS) as string[];
  const terms = Object.keys(model.terms).sort(
    (a, b) =>
      fieldOrder.indexOf(a.slice(0, 1)) - fieldOrder.indexOf(b.slice(0, 1)) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const { terms: _terms, ...head } = model;
  const headLines = Object.entries(head).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`,
  );
  const termLines = terms.map(
    (term, index) =>
      `    ${JSON.stringify(term)}: ${JSON.stringify(model.terms[term])}${index < terms.length - 1 ? ',' : ''}`,
  );
  return `{\n${headLines.join('\n')}\n  "terms": {\n${termLines.join('\n')}\n  }\n}\n`;
}
