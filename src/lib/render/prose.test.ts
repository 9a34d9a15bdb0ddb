import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hostileText } from '../../../tests/arbitraries.ts';
import { HAS_SHARED, needsShared, SAMPLES } from '../../../tests/helpers.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import { formatMarkdown, renderAbstractChecked } from './abstract.ts';
import { markdownProblem } from './budget.ts';
import { markdownText, plainText } from './plain-text.ts';
import { isProse } from './prose.ts';

const runs = { numRuns: testSettings.propertyRuns, seed: testSettings.propertySeed };

/** Pieces of near-prose: the characters prose allows, and the ones that end it where they stand. */
const piece = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('model', 'Über', 'naïve', '数据', 'of', 'x2', '2026', 'α', 'e\u0301'),
  },
  { weight: 6, arbitrary: fc.constantFrom(' ', ' ', '. ', ', ', '; ', ': ', '!', '?') },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('(', ')', '"', "'", '’', '“', '”', '–', '—', '…', '%', '/', '+', '=', '-'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1. ',
      '- ',
      '+ ',
      '= ',
      '==',
      '--',
      '  ',
      '    ',
      'http://a',
      'www.b',
      'a@b.c',
    ),
  },
);
const nearProse = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

/** Sentences in paragraphs: always prose. */
const sentence = fc
  .array(
    fc.constantFrom('we', 'train', 'models', 'on', 'data', '(see', 'below)', '2x', '“fast”', '–', 'état'),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((words) => `The ${words.join(' ')}.`);
const paragraphs = fc
  .array(fc.array(sentence, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 })
  .map((paras) => paras.map((sentences) => sentences.join(' ')).join('\n\n'));

/** Within the render budget (past it both paths show the same plain-text fallback). */
function expectSameAsRemark(text: string): void {
  if (markdownProblem(text)) return;
  expect(renderAbstractChecked(text, 'htmlAndMathml').html).toBe(formatMarkdown(text, 'htmlAndMathml'));
  expect(renderAbstractChecked(text, 'mathml').html).toBe(formatMarkdown(text, 'mathml'));
  expect(plainText(text)).toBe(markdownText(text));
}

describe('the prose shortcut gives what remark gives', () => {
  test('on generated paragraphs, which are all prose', () => {
    fc.assert(
      fc.property(paragraphs, (text) => {
        expect(isProse(text)).toBe(true);
        expectSameAsRemark(text);
      }),
      runs,
    );
  });

  test('on near-prose, wherever it counts as prose', () => {
    let prose = 0;
    let other = 0;
    fc.assert(
      fc.property(nearProse, (text) => {
        if (!isProse(text)) {
          other++;
          return;
        }
        prose++;
        expectSameAsRemark(text);
      }),
      runs,
    );
    // Both sides of the line are exercised, or the property says little.
    expect(prose).toBeGreaterThan(runs.numRuns / 10);
    expect(other).toBeGreaterThan(runs.numRuns / 10);
  });

  test('on hostile text, wherever it counts as prose', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        if (isProse(text)) expectSameAsRemark(text);
      }),
      runs,
    );
  });

  test('refuses what Markdown would format', () => {
    for (const text of [
      '- a list',
      '1. first',
      'Title\n===',
      'a\n    code',
      'a  \nb',
      'see https://x.org',
      'see www.x.org',
      'mail a@b.org',
      'cost $x$',
      'a \\(x\\)',
      'a *b*',
      'a &amp; b',
      'a <b>',
      ' lead',
      'trail ',
      '# head',
      'a | b',
    ])
      expect(isProse(text), text).toBe(false);
  });
});

function sampleAbstracts(): string[] {
  const abstracts: string[] = [];
  for (const name of readdirSync(SAMPLES)) {
    const text = readFileSync(join(SAMPLES, name), 'utf8');
    if (name.endsWith('.json')) {
      try {
        for (const entry of JSON.parse(text) as { paper?: { summary?: unknown } }[])
          if (typeof entry.paper?.summary === 'string') abstracts.push(entry.paper.summary);
      } catch {
        // The malformed sample is there for the importer's error messages.
      }
    } else {
      for (const match of text.matchAll(/<summary>([^<]*)<\/summary>/g))
        abstracts.push((match[1] ?? '').trim());
    }
  }
  return abstracts;
}

describe.skipIf(!HAS_SHARED)(needsShared('the prose shortcut on the real samples'), () => {
  test('every sample abstract counted as prose renders as remark renders it', () => {
    const abstracts = sampleAbstracts();
    const prose = abstracts.filter(isProse);
    expect(prose.length).toBeGreaterThan(0);
    expect(prose.length).toBeLessThan(abstracts.length);
    for (const text of prose) expectSameAsRemark(text);
  });
});
