import { expect, test } from 'vitest';
import { isolate, isolatedHtml, needsIsolation } from './isolate.ts';

// Written as escapes: the marks are invisible. FSI U+2068 opens, PDI U+2069 closes, RLO U+202E overrides.
test.each([
  ['an override, ended by the closing PDI', 'Author \u202eAnother', '\u2068Author \u202eAnother\u2069'],
  ['a stray PDI, which would end the isolate early', 'a\u2069\u202eb', '\u2068a\u202eb\u2069'],
  ['an isolate left open, which would take the closing PDI', 'a\u2067b', '\u2068a\u2067b\u2069\u2069'],
  ['isolates of its own that close', 'a\u2066b\u2069c\u2069', '\u2068a\u2066b\u2069c\u2069'],
  ['Hebrew, whose direction would carry the punctuation after it', 'שלום (2024)', '\u2068שלום (2024)\u2069'],
  ['Arabic', 'نموذج لغوي', '\u2068نموذج لغوي\u2069'],
  ['Adlam, right-to-left outside the basic plane', 'a \u{1E900}', '\u2068a \u{1E900}\u2069'],
  ['the right-to-left mark', 'a\u200fb', '\u2068a\u200fb\u2069'],
])('isolated: %s', (_, text, isolated) => {
  expect(isolate(text)).toBe(isolated);
});

// Left-to-right and neutral text reads the same in the page's left-to-right flow without an isolate.
test.each([
  ['Latin', 'Pointer Networks'],
  ['accents and CJK', 'Zoë Ångström, 李 雷'],
  ['digits and punctuation', '1.5 (v2) — 3/4'],
  ['Greek, Cyrillic and math symbols', 'α-β Сеть ∑'],
  ['nothing', ''],
])('left as it is: %s', (_, text) => {
  expect(needsIsolation(text)).toBe(false);
  expect(isolate(text)).toBe(text);
  expect(isolatedHtml(text)).not.toContain('<bdi>');
});

test('isolatedHtml escapes the text, and wraps what needs it in a <bdi>', () => {
  expect(isolatedHtml('<b>x</b> & y')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; y');
  expect(isolatedHtml('<b>\u202ex</b>')).toBe('<bdi>&lt;b&gt;\u202ex&lt;/b&gt;</bdi>');
});

test('a character reference in rendered HTML is isolated: its character cannot be seen', () => {
  expect(needsIsolation('a &#x202E; b')).toBe(true);
});
