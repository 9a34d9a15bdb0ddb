import { describe, expect, test } from 'vitest';
import { datePart } from './values.ts';

describe('datePart', () => {
  test.each([
    ['2026-01-21T00:52:01.626Z', '2026-01-21'],
    ['2026-01-21', '2026-01-21'],
    ['2026-01-21T23:30:00-05:00', '2026-01-21'],
    ['21 Jan 2026', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(datePart(value)).toBe(expected);
  });
});
