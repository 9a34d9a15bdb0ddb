import { describe, expect, test } from 'vitest';
import { parseTopicModel } from '../model/topic-model.ts';
import { compileTopicModel, topicProbabilities, topicScores } from '../site/topic-model.ts';
import {
  fitSigmoid,
  formatTopicModel,
  TRAINING_DEFAULTS,
  type TrainingPaper,
  trainTopicModel,
} from './topic-training.ts';

/** Papers whose abstracts say what they are about in a few words each, labelled so. */
function papers(count: number): TrainingPaper[] {
  const about = [
    { abstract: 'robot arm grasping', labels: ['robotics'] },
    { abstract: 'speech recognition audio', labels: ['speech'] },
    { abstract: 'robot listens to speech', labels: ['robotics', 'speech'] },
    { abstract: 'weather report', labels: [] },
  ];
  return Array.from({ length: count }, (_, index) => {
    const { abstract, labels } = about[index % about.length] as (typeof about)[number];
    return { title: `Paper ${index}`, keywords: [], abstract, labels };
  });
}

const OPTIONS = { ...TRAINING_DEFAULTS, prune: 0, minPositives: 5 };

describe('trainTopicModel', () => {
  test('learns each topic from its labels: positive scores for its papers, negative for the others', () => {
    const model = compileTopicModel(
      trainTopicModel(papers(80), ['robotics', 'speech'], OPTIONS),
      ['robotics', 'speech', 'other'],
      'other',
      'trained',
    );
    const score = (abstract: string) => [...topicScores(model, { title: 'New', keywords: [], abstract })];
    const [robotArm, speechOnly, weather] = [score('robot arm'), score('speech audio'), score('weather')];
    expect(robotArm[0]).toBeGreaterThan(0);
    expect(robotArm[1]).toBeLessThan(0);
    expect(speechOnly[1]).toBeGreaterThan(0);
    expect(speechOnly[0]).toBeLessThan(0);
    expect(weather[0]).toBeLessThan(0);
    expect(weather[1]).toBeLessThan(0);
    // Calibrated: a paper of the topic is likely in it, one of another topic unlikely.
    const probability = (abstract: string) => [
      ...topicProbabilities(model, { title: 'New', keywords: [], abstract }),
    ];
    expect(probability('robot arm')[0]).toBeGreaterThan(0.6);
    expect(probability('weather')[0]).toBeLessThan(0.1);
  });

  test('every topic with a classifier has a calibration fitted to held-out scores, rising with the score', () => {
    const model = trainTopicModel(papers(80), ['robotics', 'speech'], OPTIONS);
    expect(Object.keys(model.calibration)).toEqual(Object.keys(model.bias));
    for (const [slope] of Object.values(model.calibration)) expect(slope).toBeLessThan(0);
  });

  test('the same papers give the same model, byte for byte', () => {
    const first = formatTopicModel(trainTopicModel(papers(80), ['robotics', 'speech'], OPTIONS));
    expect(formatTopicModel(trainTopicModel(papers(80), ['robotics', 'speech'], OPTIONS))).toBe(first);
  });

  test('a term must be in `minPapers` papers to get a weight, and weights under `prune` are left out', () => {
    const training = [
      ...papers(80),
      { title: '', keywords: [], abstract: 'unique robot', labels: ['robotics'] },
    ];
    const loose = trainTopicModel(training, ['robotics'], { ...OPTIONS, minPapers: 1 });
    const strict = trainTopicModel(training, ['robotics'], { ...OPTIONS, minPapers: 3 });
    expect(loose.terms['a:unique']).toBeDefined();
    expect(strict.terms['a:unique']).toBeUndefined();
    const pruned = trainTopicModel(training, ['robotics'], { ...OPTIONS, prune: 0.3 });
    const weights = Object.values(pruned.terms).flatMap((byTopic) => Object.values(byTopic));
    expect(weights.length).toBeGreaterThan(0);
    expect(weights.length).toBeLessThan(Object.keys(strict.terms).length);
    for (const weight of weights) expect(Math.abs(weight)).toBeGreaterThanOrEqual(0.3);
  });

  test('a topic with fewer than `minPositives` labelled papers gets no classifier', () => {
    const model = trainTopicModel(papers(80), ['robotics', 'speech', 'chemistry'], OPTIONS);
    expect(Object.keys(model.bias)).toEqual(['robotics', 'speech']);
    const few = trainTopicModel(papers(12), ['robotics', 'speech'], { ...OPTIONS, minPositives: 7 });
    // 12 papers: robotics 6 (arm and listening robots), speech 6.
    expect(Object.keys(few.bias)).toEqual([]);
    expect(few.terms).toEqual({});
  });
});

describe('fitSigmoid', () => {
  test('fits the probability of a label to the score: low for low scores, high for high ones', () => {
    const scores = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, -0.2, 0.3];
    const positive = scores.map((score, index) => (index < 9 ? score > 0 : index === 9));
    const [a, b] = fitSigmoid(scores, positive);
    const probability = (score: number) => 1 / (1 + Math.exp(a * score + b));
    expect(a).toBeLessThan(0);
    expect(probability(2)).toBeGreaterThan(0.8);
    expect(probability(-2)).toBeLessThan(0.2);
    // Maximum likelihood: nudging either parameter does not fit better.
    const loss = (a2: number, b2: number) =>
      scores.reduce((total, score, index) => {
        const p = 1 / (1 + Math.exp(a2 * score + b2));
        // Platt's targets: (positives + 1) / (positives + 2) and 1 / (negatives + 2), for 5 and 6.
        const target = positive[index] ? 6 / 7 : 1 / 8;
        return total - (target * Math.log(p) + (1 - target) * Math.log(1 - p));
      }, 0);
    for (const [da, db] of [
      [0.05, 0],
      [-0.05, 0],
      [0, 0.05],
      [0, -0.05],
    ] as const)
      expect(loss(a + da, b + db)).toBeGreaterThan(loss(a, b));
  });

  test('labels all alike: the sigmoid says so everywhere, without dividing by zero', () => {
    const [a, b] = fitSigmoid([-1, 0, 1], [false, false, false]);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(1 / (1 + Math.exp(a + b))).toBeLessThan(0.5);
  });
});

describe('formatTopicModel', () => {
  test('one term a line, title terms first, and it reads back as the same model', () => {
    const model = trainTopicModel(
      papers(80).map((paper) => ({ ...paper, title: paper.abstract })),
      ['robotics', 'speech'],
      OPTIONS,
      'about it',
    );
    const text = formatTopicModel(model);
    expect(parseTopicModel(text)).toEqual(model);
    const termLines = text.split('\n').filter((line) => /^ {4}"[tka]:/.test(line));
    expect(termLines).toHaveLength(Object.keys(model.terms).length);
    const fields = termLines.map((line) => line.slice(5, 6));
    expect(fields.indexOf('a')).toBeGreaterThan(fields.lastIndexOf('t'));
  });
});
