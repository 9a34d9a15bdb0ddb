import { describe, expect, test } from 'vitest';
import { datePart, parseJsonDocument } from './values.ts';

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

test('parseJsonDocument gives the value, or says that the text is cut short or malformed', () => {
  expect(parseJsonDocument('[1, {"a": null}]')).toEqual({ ok: true, json: [1, { a: null }] });
  expect(parseJsonDocument('[{"id": "2601.0')).toEqual({
    ok: false,
    message: expect.stringMatching(/^not valid JSON \(truncated or malformed\?\): /),
  });
});
