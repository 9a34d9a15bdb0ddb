import { describe, expect, test } from 'vitest';
import { parsePythonLiteral } from './python-literal.ts';

describe('parsePythonLiteral', () => {
  test.each([
    [
      "{'a': 1, 'b': [True, False, None], 'c': (1.5, -2e-05)}",
      { a: 1, b: [true, false, null], c: [1.5, -2e-5] },
    ],
    ['[]', []],
    ['{}', {}],
    [`"it's"`, "it's"],
    ['\'say "hi"\'', 'say "hi"'],
    ["'line\\nbreak\\ttab\\\\slash\\'quote'", "line\nbreak\ttab\\slash'quote"],
    ["'\\x00\\x7f\\xe9'", '\u0000\u007f\u00e9'],
    ["'\\u2028\\U0001f600'", '\u2028\u{1f600}'],
    ["'\\101\\0'", 'A\u0000'],
    ["'caf\u00e9 \u4e2d'", 'caf\u00e9 \u4e2d'],
    ['[1, 2, ]', [1, 2]],
    ['  {  "k"  :  [  ]  }  ', { k: [] }],
  ])('%s', (text, value) => {
    expect(parsePythonLiteral(text)).toEqual({ ok: true, value });
  });

  test('a key named __proto__ stays a key', () => {
    const result = parsePythonLiteral("{'__proto__': {'polluted': True}}");
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ["{'a': datetime.date(2024, 1, 1)}", 'not a Python literal at character 7'],
    ["{'a': 1", 'expected "," or "}" at character 8'],
    ["{1: 'a'}", 'a dict key that is not a string'],
    ["'never ends", 'a string that never ends'],
    ["'\\xZZ'", 'expected 2 hex digits'],
    ["{'a': 1} trailing", 'more after the literal at character 10'],
    ['{1, 2}', 'a dict key that is not a string'],
    [`${'['.repeat(100)}${']'.repeat(100)}`, 'more than 64 levels of nesting'],
  ])('%j is refused: %s', (text, message) => {
    const result = parsePythonLiteral(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});
