import { describe, expect, test } from 'vitest';
import { cutText, markdownProblem, RENDER_BUDGET } from './budget.ts';

describe('markdownProblem', () => {
  test.each([
    ['too long', 'x'.repeat(RENDER_BUDGET.abstractSource + 1), /10,001 characters long \(limit 10,000\)/],
    ['too many delimiters', '*a'.repeat(1001), /more than 1000 Markdown delimiters/],
    ['closing brackets count too', 'a]'.repeat(1001), /delimiters/],
    ['a long punctuation run', `https://x.org/${'.'.repeat(201)}`, /run of more than 200 punctuation/],
    ['nested quotes on one line', `${'> '.repeat(17)}x`, /opens 17 block quotes or lists \(limit 16\)/],
    ['nested quotes without spaces', `${'>'.repeat(17)}x`, /opens 17/],
    ['nested bullets', `${'- '.repeat(17)}x`, /opens 17/],
    ['nested ordered items', `${'1. '.repeat(17)}x`, /opens 17/],
    ['mixed containers on a later line', `ok\n${'> 1) - + * '.repeat(4)}x`, /opens 20/],
    ['deep indentation', `- a\n${' '.repeat(65)}- b`, /indented 66 columns/],
    ['tabs count as four columns', `\t`.repeat(17), /indented 68 columns/],
  ])('%s', (_, text, reason) => {
    expect(markdownProblem(text)).toMatch(reason);
  });

  test.each([
    [
      'an ordinary abstract',
      'We *study* [code](https://x.org) with $x_1$, ... and `a|b`.\n\n> quoted\n\n- a\n  - b',
    ],
    ['thematic breaks and emphasis markers that are not list markers', '***\n\n*a* -b +c 1.5 2)x'],
    ['exactly at the limits', `${'> '.repeat(16)}x\n${' '.repeat(64)}y\n${'.'.repeat(200)}`],
  ])('%s is fine', (_, text) => {
    expect(markdownProblem(text)).toBeUndefined();
  });
});

test('cutText never splits a surrogate pair', () => {
  expect(cutText('ab😀c', 3)).toBe('ab');
  expect(cutText('ab😀c', 4)).toBe('ab😀');
  expect(cutText('abc', 10)).toBe('abc');
});
