import { describe, expect, test } from 'vitest';
import { plainText } from './plain-text.ts';

describe('plainText', () => {
  test.each([
    ['See [the code](https://x.org/a) now.', 'See the code now.'],
    ['An SSM \\( x = Ax \\) and $\\alpha$.', 'An SSM x = Ax and \\alpha.'],
    ['We use <unk> tokens and **bold** words.', 'We use <unk> tokens and bold words.'],
    ['# Head\n\nLine one\nline two', 'Head Line one line two'],
  ])('%j → %j', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });
});
