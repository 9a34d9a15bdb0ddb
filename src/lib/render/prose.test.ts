import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hostileText } from '../../../tests/arbitraries.ts';
import { HAS_SHARED, needsShared, SAMPLES } from '../../../tests/helpers.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import { excerpt, excerptReach } from '../site/format.ts';
import { formatMarkdown, renderAbstractChecked } from './abstract.ts';
import { markdownProblem } from './budget.ts';
import { markdownText, plainText, plainTextOpening } from './plain-text.ts';
import { isProse, proseOpening } from './prose.ts';

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

/** Prose sentences, then anything Markdown may format (or not), then more of either. */
const proseThenAnything = fc
  .tuple(paragraphs, fc.constantFrom('', ' ', '\n', '\n\n'), fc.oneof(nearProse, hostileText), paragraphs)
  .map((parts) => parts.join(''));

/** What a teaser reads of `text` is the same from `plainTextOpening` as from the whole `plainText`. */
function expectSameOpening(text: string, lengths = [20, 200]): boolean {
  const whole = plainText(text);
  let shortcut = false;
  for (const length of lengths) {
    const opening = plainTextOpening(text, excerptReach(length));
    expect(whole.startsWith(opening), JSON.stringify(text)).toBe(true);
    expect(excerpt(opening, length), JSON.stringify(text)).toBe(excerpt(whole, length));
    if (opening !== whole) shortcut = true;
  }
  return shortcut;
}

describe("an abstract's opening prose gives the text a teaser reads without parsing the rest", () => {
  test('on prose followed by anything', () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(proseThenAnything, (text) => {
        if (expectSameOpening(text)) shortcuts++;
      }),
      runs,
    );
    // The shortcut is taken often, or the property says little about it.
    expect(shortcuts).toBeGreaterThan(runs.numRuns / 10);
  });

  test('on near-prose and hostile text', () => {
    fc.assert(
      fc.property(fc.oneof(nearProse, hostileText), (text) => {
        expectSameOpening(text, [1, 5, 20]);
      }),
      runs,
    );
  });

  test('stops before a word that may go on as an address, and before anything Markdown formats', () => {
    expect(proseOpening('We release it at www')).toBe('We release it at www');
    expect(proseOpening('We release it at www.example.org today')).toBe('We release it at');
    expect(proseOpening('Write to jane@example.org now')).toBe('Write to');
    expect(proseOpening('A *bold* claim')).toBe('A');
    expect(proseOpening('- a list')).toBe('');
    expect(proseOpening('    code first')).toBe('');
    expect(plainTextOpening('Cost $x^2$ and more', 3)).toBe('Cost');
    expect(plainTextOpening('Cost $x^2$ and more', 10)).toBe('Cost x^2 and more');
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

  test("every sample abstract's teaser is the same from its opening prose", () => {
    const abstracts = sampleAbstracts();
    // As the sources give them: the store's abstracts are normalised, and most of those open with prose.
    expect(abstracts.filter((text) => expectSameOpening(text)).length).toBeGreaterThan(0);
  });
});
