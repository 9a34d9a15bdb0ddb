import { describe, expect, test } from 'vitest';
import { parseTopicModel } from './topic-model.ts';

const VALID = {
  about: 'test',
  trainedOn: 3,
  fieldWeights: { title: 0.5, keywords: 0.25, abstract: 1 },
  addAt: 0.6,
  dropAt: 0.03,
  bias: { agents: -1 },
  calibration: { agents: [-5, -1] },
  terms: { 'a:planner': { agents: 0.5 }, 't:web agent': { agents: 0.3 } },
};

describe('parseTopicModel', () => {
  test('reads a valid model', () => {
    expect(parseTopicModel(JSON.stringify(VALID))).toEqual(VALID);
  });

  test.each([
    [{ ...VALID, addAt: 0.02 }, 'dropAt must be below addAt'],
    [{ ...VALID, addAt: 1.5 }, 'addAt: '],
    [{ ...VALID, calibration: {} }, 'calibration: "agents" has a bias and no calibration'],
    [
      { ...VALID, calibration: { agents: [-5, -1], robots: [1, 1] } },
      'calibration.robots: "robots" has a calibration and no bias',
    ],
    [{ ...VALID, calibration: { agents: [-5] } }, 'calibration.agents'],
    [{ ...VALID, terms: { 'a:planner': { robots: 1 } } }, 'terms.a:planner.robots: "robots" has no bias'],
    [{ ...VALID, terms: { 'x:planner': { agents: 1 } } }, 'terms.x:planner: expected a field prefix'],
    [
      { ...VALID, terms: { 'a:one two three': { agents: 1 } } },
      'expected a field prefix (t:, k:, a:) and one or two words',
    ],
    [{ ...VALID, bias: { Agents: 1 } }, 'bias.Agents: expected a topic slug'],
    [{ ...VALID, fieldWeights: { title: -1, keywords: 0, abstract: 1 } }, 'fieldWeights.title'],
    [{ ...VALID, extra: 1 }, 'Unrecognized key'],
  ])('refuses %j, naming the file and the field', (data, message) => {
    expect(() => parseTopicModel(JSON.stringify(data), 'content/topic-model.json')).toThrow(message);
    expect(() => parseTopicModel(JSON.stringify(data), 'content/topic-model.json')).toThrow(
      /^content\/topic-model\.json: /,
    );
  });

  test('refuses text that is not JSON, naming the file', () => {
    expect(() => parseTopicModel('{', 'm.json')).toThrow(/^m\.json: not JSON: /);
  });
});
