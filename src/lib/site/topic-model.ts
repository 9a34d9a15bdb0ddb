/**
 * The learned second opinion on a paper's topics (`content/topic-model.json`, schema in
 * model/topic-model.ts): one linear classifier per topic, trained on hand-labelled papers by
 * report/topic-training.ts, its score calibrated into a probability. The rules of `content/topics.yaml`
 * stay first (site/topics.ts); the model adds a topic it is sure of and removes a rule's topic it is
 * sure is wrong.
 *
 * Features: each field is split into lower-cased words (runs of two or more letters or digits) and the
 * pairs of adjacent words; a field's distinct terms each weigh the field's weight divided by the square
 * root of their number, so a long abstract does not outvote a short title, and a paper's score needs no
 * statistics of the training papers: the model file holds only the terms that carry weight. Scoring
 * looks each of the paper's terms up once, so it is linear in the length of the paper.
 */
import { MODEL_FIELDS, type ModelField, type TopicModelData } from '../model/topic-model.ts';

/** What the model reads from a paper. */
export interface PaperText {
  readonly title: string;
  readonly keywords: readonly string[];
  readonly abstract: string;
}

const TERM_WORD = /[\p{L}\p{N}]{2,}/gu;

/** The distinct words and adjacent word pairs of some texts, lower-cased; a pair never spans two texts. */
function termsOf(texts: readonly string[]): Set<string> {
  const terms = new Set<string>();
  for (const text of texts) {
    const words = text.normalize('NFKC').toLowerCase().match(TERM_WORD) ?? [];
    words.forEach((word, index) => {
      terms.add(word);
      if (index > 0) terms.add(`${words[index - 1]} ${word}`);
    });
  }
  return terms;
}

/** A paper's features: `t:`, `k:` or `a:` and a term → its value. */
export function paperFeatures(
  paper: PaperText,
  fieldWeights: Readonly<Record<ModelField, number>>,
): Map<string, number> {
  const features = new Map<string, number>();
  for (const [field, prefix] of Object.entries(MODEL_FIELDS) as [ModelField, string][]) {
    const weight = fieldWeights[field];
    if (weight === 0) continue;
    const terms = termsOf(field === 'keywords' ? paper.keywords : [paper[field]]);
    const value = weight / Math.sqrt(terms.size);
    for (const term of terms) features.set(`${prefix}:${term}`, value);
  }
  return features;
}

/** A model ready to score papers for the topics of a taxonomy, by their positions in it. */
export interface CompiledTopicModel {
  readonly fieldWeights: Readonly<Record<ModelField, number>>;
  readonly addAt: number;
  readonly dropAt: number;
  /** Per taxonomy position, the classifier's bias, or NaN for a topic the model has none for. */
  readonly bias: Float64Array;
  /** Per taxonomy position, Platt's `A` and `B` (NaN without a classifier). */
  readonly slope: Float64Array;
  readonly offset: Float64Array;
  /** A term → its weights, as taxonomy positions and weights side by side. */
  readonly terms: ReadonlyMap<string, { readonly topics: Int32Array; readonly weights: Float64Array }>;
}

/**
 * Readies the model for a taxonomy's topic ids (fallback at `fallbackId`). Throws when the model has a
 * classifier for a topic the taxonomy does not define, or for the fallback, which takes only what no
 * topic does: the labels it was trained on used other ids, so it must be trained again.
 */
export function compileTopicModel(
  model: TopicModelData,
  ids: readonly string[],
  fallbackId: string,
  file: string,
): CompiledTopicModel {
  const position = new Map(ids.map((id, index) => [id, index]));
  const bias = new Float64Array(ids.length).fill(Number.NaN);
  const slope = new Float64Array(ids.length).fill(Number.NaN);
  const offset = new Float64Array(ids.length).fill(Number.NaN);
  for (const [topic, value] of Object.entries(model.bias)) {
    const at = position.get(topic);
    if (at === undefined || topic === fallbackId) {
      throw new Error(
        `${file} has a classifier for "${topic}", which ${at === undefined ? 'content/topics.yaml does not define' : 'is the fallback topic'}: ` +
          'train the model again on labels of the current topics (npm run topics -- --train), or delete the file to file papers by the rules alone.',
      );
    }
    bias[at] = value;
    [slope[at], offset[at]] = model.calibration[topic] as [number, number];
  }
  const terms = new Map(
    Object.entries(model.terms).map(([term, weights]) => {
      const entries = Object.entries(weights);
      return [
        term,
        {
          topics: Int32Array.from(entries, ([topic]) => position.get(topic) as number),
          weights: Float64Array.from(entries, ([, weight]) => weight),
        },
      ];
    }),
  );
  return {
    fieldWeights: model.fieldWeights,
    addAt: model.addAt,
    dropAt: model.dropAt,
    bias,
    slope,
    offset,
    terms,
  };
}

/** Per taxonomy position, the paper's score (above 0, the classifier says yes), or NaN without a classifier. */
export function topicScores(model: CompiledTopicModel, paper: PaperText): Float64Array {
  const scores = Float64Array.from(model.bias);
  for (const [term, value] of paperFeatures(paper, model.fieldWeights)) {
    const weighed = model.terms.get(term);
    if (weighed === undefined) continue;
    for (let at = 0; at < weighed.topics.length; at++) {
      const topic = weighed.topics[at] as number;
      scores[topic] = (scores[topic] as number) + (weighed.weights[at] as number) * value;
    }
  }
  return scores;
}

/** A score of the topic at `position` as the probability its calibration gives it (NaN without a classifier). */
export function probabilityOf(model: CompiledTopicModel, position: number, score: number): number {
  return 1 / (1 + Math.exp((model.slope[position] as number) * score + (model.offset[position] as number)));
}

/** Per taxonomy position, the probability that the paper belongs to the topic, or NaN without a classifier. */
export function topicProbabilities(model: CompiledTopicModel, paper: PaperText): Float64Array {
  return topicScores(model, paper).map((score, position) => probabilityOf(model, position, score));
}

/** A term of a paper and what it added to a topic's score. */
export interface TermContribution {
  readonly term: string;
  readonly contribution: number;
}

/** The terms of a paper that moved one topic's score most, strongest first: what `--explain` quotes. */
export function strongestTerms(
  model: CompiledTopicModel,
  position: number,
  paper: PaperText,
  count: number,
): TermContribution[] {
  const contributions: TermContribution[] = [];
  for (const [term, value] of paperFeatures(paper, model.fieldWeights)) {
    const weighed = model.terms.get(term);
    const at = weighed?.topics.indexOf(position) ?? -1;
    if (weighed === undefined || at < 0) continue;
    contributions.push({ term, contribution: (weighed.weights[at] as number) * value });
  }
  return contributions
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.term < b.term ? -1 : 1))
    .slice(0, count);
}
