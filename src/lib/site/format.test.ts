import { describe, expect, test } from 'vitest';
import { countLabel, excerpt, formatDayLong, formatDayShort, formatMonth, pageTitle } from './format.ts';

describe('excerpt', () => {
  const abstract =
    'Visual search is important in our daily life. The efficient allocation of visual attention is critical. ' +
    'Prior research has predominantly modelled the spatial allocation of visual attention in images at the pixel level.';

  test('short text is returned whole, whitespace folded', () => {
    expect(excerpt('  A  short\ntext. ')).toBe('A short text.');
  });

  test('keeps whole sentences within the limit', () => {
    expect(excerpt(abstract, 110)).toBe(
      'Visual search is important in our daily life. The efficient allocation of visual attention is critical.',
    );
  });

  test('does not split at "e.g." followed by lowercase', () => {
    const text = 'Saliency, e.g. using a map, is used. Then more text follows here to make it long enough.';
    expect(excerpt(text, 40)).toBe('Saliency, e.g. using a map, is used.');
  });

  test('one long sentence is cut at a word with an ellipsis', () => {
    const result = excerpt('word '.repeat(100), 50);
    expect(result.endsWith('word…')).toBe(true);
    expect(result.length).toBeLessThanOrEqual(51);
  });
});

describe('day formatting is time-zone proof', () => {
  test.each([
    ['2026-07-30', 'Thursday, 30 July 2026', '30 Jul 2026', 'July 2026'],
    ['2026-01-01', 'Thursday, 1 January 2026', '1 Jan 2026', 'January 2026'],
  ])('%s', (day, long, short, month) => {
    expect(formatDayLong(day)).toBe(long);
    expect(formatDayShort(day)).toBe(short);
    expect(formatMonth(day)).toBe(month);
  });
});

test('countLabel', () => {
  expect(countLabel(1, 'paper')).toBe('1 paper');
  expect(countLabel(1200, 'paper')).toBe('1,200 papers');
});

test('pageTitle numbers the pages after the first', () => {
  expect(pageTitle('Vision', 1)).toBe('Vision');
  expect(pageTitle('Vision', 2)).toBe('Vision, page 2');
});
