import { describe, expect, test } from 'vitest';
import type { TopicModelData } from '../model/topic-model.ts';
import {
  compileTopicModel,
  paperFeatures,
  probabilityOf,
  strongestTerms,
  topicProbabilities,
  topicScores,
} from './topic-model.ts';

const WEIGHTS = { title: 0.5, keywords: 0.25, abstract: 1 };
const paper = (fields: { title?: string; keywords?: string[]; abstract?: string }) => ({
  title: '',
  keywords: [],
  abstract: '',
  ...fields,
});

function model(overrides: Partial<TopicModelData> = {}): TopicModelData {
  return {
    about: '',
    trainedOn: 0,
    fieldWeights: WEIGHTS,
    addAt: 0.6,
    dropAt: 0.03,
    bias: { agents: -1, vision: -0.5 },
    calibration: { agents: [-2, 0.5], vision: [-1, 0] },
    terms: { 'a:planner': { agents: 2 }, 't:agent': { agents: 3, vision: -1 }, 'a:web agent': { agents: 1 } },
    ...overrides,
  };
}

describe('paperFeatures', () => {
  test('words of two or more letters or digits and adjacent pairs, lower-cased, per field', () => {
    const features = paperFeatures(paper({ title: 'A Web Agent, v2' }), WEIGHTS);
    // "a" is one letter: not a term, and it does not join a pair either.
    expect([...features.keys()].sort()).toEqual(['t:agent', 't:agent v2', 't:v2', 't:web', 't:web agent']);
  });

  test('each field weighs its weight in all, spread as weight / sqrt(distinct terms)', () => {
    const features = paperFeatures(paper({ title: 'agents agents', abstract: 'web' }), WEIGHTS);
    // Title: "agents" and "agents agents", two distinct terms.
    expect(features.get('t:agents')).toBeCloseTo(0.5 / Math.sqrt(2), 12);
    expect(features.get('t:agents agents')).toBeCloseTo(0.5 / Math.sqrt(2), 12);
    expect(features.get('a:web')).toBe(1);
  });

  test('a pair never spans two keywords, and a field of weight 0 is left out', () => {
    const features = paperFeatures(paper({ keywords: ['web', 'agent'], title: 'x y' }), {
      ...WEIGHTS,
      title: 0,
    });
    expect([...features.keys()].sort()).toEqual(['k:agent', 'k:web']);
  });

  test('NFKC: a ligature and full-width letters read as plain letters', () => {
    const features = paperFeatures(paper({ abstract: 'ﬁne ＷＥＢ' }), WEIGHTS);
    expect([...features.keys()].sort()).toEqual(['a:fine', 'a:fine web', 'a:web']);
  });
});

describe('topicScores', () => {
  const ids = ['agents', 'vision', 'other'];

  test('bias plus the weight of each term times its value; NaN for a topic without a classifier', () => {
    const compiled = compileTopicModel(
      model({ bias: { agents: -1 }, terms: { 'a:planner': { agents: 2 } } }),
      ids,
      'other',
      'm.json',
    );
    const scores = topicScores(compiled, paper({ abstract: 'planner tools' }));
    // Abstract terms: planner, tools, "planner tools": each 1 / sqrt(3).
    expect(scores[0]).toBeCloseTo(-1 + 2 / Math.sqrt(3), 12);
    expect(scores[1]).toBeNaN();
    expect(scores[2]).toBeNaN();
  });

  test('adds every field: a title term and an abstract pair', () => {
    const compiled = compileTopicModel(model(), ids, 'other', 'm.json');
    const scores = topicScores(compiled, paper({ title: 'agent', abstract: 'web agent' }));
    const abstractValue = 1 / Math.sqrt(3);
    expect(scores[0]).toBeCloseTo(-1 + 3 * 0.5 + 1 * abstractValue, 12);
    expect(scores[1]).toBeCloseTo(-0.5 - 1 * 0.5, 12);
  });

  test('a model with a topic the taxonomy lacks, or with the fallback, is refused with the file named', () => {
    expect(() => compileTopicModel(model(), ['agents', 'other'], 'other', 'm.json')).toThrow(
      /^m\.json has a classifier for "vision", which content\/topics\.yaml does not define: train the model again/,
    );
    expect(() => compileTopicModel(model({ bias: { other: 0 }, terms: {} }), ids, 'other', 'm.json')).toThrow(
      'm.json has a classifier for "other", which is the fallback topic',
    );
  });
});

describe('topicProbabilities', () => {
  test('each topic’s score through its own calibration: 1 / (1 + exp(A score + B)); NaN without a classifier', () => {
    const compiled = compileTopicModel(model(), ['agents', 'vision', 'other'], 'other', 'm.json');
    const text = paper({ title: 'agent', abstract: 'planner' });
    const [agents, vision] = topicScores(compiled, text);
    const probabilities = topicProbabilities(compiled, text);
    expect(probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-2 * (agents as number) + 0.5)), 12);
    expect(probabilities[1]).toBeCloseTo(1 / (1 + Math.exp(-1 * (vision as number))), 12);
    expect(probabilities[2]).toBeNaN();
    // The same score means another probability for another topic: agents' calibration is steeper.
    expect(probabilityOf(compiled, 0, 1)).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 12);
    expect(probabilityOf(compiled, 1, 1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });
});

describe('strongestTerms', () => {
  test('the terms that moved a topic most, by absolute contribution, then by name', () => {
    const compiled = compileTopicModel(model(), ['agents', 'vision', 'other'], 'other', 'm.json');
    const terms = strongestTerms(compiled, 1, paper({ title: 'agent', abstract: 'planner' }), 5);
    expect(terms).toEqual([{ term: 't:agent', contribution: -0.5 }]);
    const forAgents = strongestTerms(compiled, 0, paper({ title: 'agent', abstract: 'planner' }), 1);
    expect(forAgents).toEqual([{ term: 'a:planner', contribution: 2 }]);
  });
});
