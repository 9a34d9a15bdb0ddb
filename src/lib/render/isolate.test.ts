import { expect, test } from 'vitest';
import { isolate } from './isolate.ts';

// Written as escapes: the marks are invisible. FSI U+2068 opens, PDI U+2069 closes, RLO U+202E overrides.
test.each([
  ['plain text', 'Pointer Networks', '\u2068Pointer Networks\u2069'],
  ['an override, ended by the closing PDI', 'Author \u202eAnother', '\u2068Author \u202eAnother\u2069'],
  ['a stray PDI, which would end the isolate early', 'a\u2069\u202eb', '\u2068a\u202eb\u2069'],
  ['an isolate left open, which would take the closing PDI', 'a\u2067b', '\u2068a\u2067b\u2069\u2069'],
  ['isolates of its own that close', 'a\u2066b\u2069c\u2069', '\u2068a\u2066b\u2069c\u2069'],
  ['nothing', '', '\u2068\u2069'],
])('%s', (_, text, isolated) => {
  expect(isolate(text)).toBe(isolated);
});
