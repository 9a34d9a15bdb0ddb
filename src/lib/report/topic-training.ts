/**
 * Trains `content/topic-model.json` from hand-labelled papers: per topic, an L2-regularised linear SVM
 * with squared hinge loss (LIBLINEAR's default), solved by dual coordinate descent (Hsieh et al., 2008)
 * over the features of site/topic-model.ts. The papers are visited in a fixed pseudo-random order, so
 * the same labels give the same file on every machine.
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
  readonly addAt: number;
  readonly dropAt: number;
  /** The most passes over the papers; coordinate descent stops earlier when it converges. */
  readonly passes: number;
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
  addAt: -0.1,
  dropAt: -0.8,
  passes: 200,
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
      let margin = 0;
      for (let at = 0; at < row.columns.length; at++)
        margin += (weights[row.columns[at] as number] as number) * (row.values[at] as number);
      const previous = alpha[paper] as number;
      const gradient = sign * margin - 1 + diagonal * previous;
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
  const terms: Record<string, Record<string, number>> = {};
  for (const topic of topics) {
    const positive = papers.map((paper) => paper.labels.includes(topic));
    if (positive.filter(Boolean).length < options.minPositives) continue;
    const weights = trainBinary(data, positive, options);
    bias[topic] = rounded(weights[data.terms.length] as number);
    data.terms.forEach((term, column) => {
      const weight = rounded(weights[column] as number);
      if (Math.abs(weight) < options.prune) return;
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
