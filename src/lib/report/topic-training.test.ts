import { describe, expect, test } from 'vitest';
import { parseTopicModel } from '../model/topic-model.ts';
import { compileTopicModel, topicScores } from '../site/topic-model.ts';
import {
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
