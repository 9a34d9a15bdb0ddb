import { describe, expect, test } from 'vitest';
import { cleanText, describeRepairs, findForbiddenCharacter, hasVisibleCharacter } from './text.ts';

/** All 66 Unicode non-characters: U+FDD0–U+FDEF and the last two code points of each of the 17 planes. */
const NON_CHARACTERS = [
  ...Array.from({ length: 32 }, (_, index) => 0xfdd0 + index),
  ...Array.from({ length: 17 }, (_, plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff]).flat(),
].map((code) => String.fromCodePoint(code));

describe('cleanText', () => {
  test('there are 66 non-characters, and each one is removed with a note', () => {
    expect(NON_CHARACTERS).toHaveLength(66);
    for (const char of NON_CHARACTERS) {
      const cleaned = cleanText(`a${char}b`);
      expect(cleaned.text).toBe('ab');
      expect(cleaned.repairs).toEqual({ controls: false, nonCharacters: true, surrogates: false });
    }
  });

  test.each([
    ['\u0000', ''],
    ['\u0007', ''],
    ['\u000B', ''],
    ['\u000C', ''],
    ['\u001B', ''],
    ['\u007F', ''],
    ['\u0080', ''],
    ['\u009F', ''],
  ])('removes the control character %j', (char, expected) => {
    const cleaned = cleanText(`a${char}b`);
    expect(cleaned.text).toBe(`a${expected}b`);
    expect(cleaned.repairs.controls).toBe(true);
  });

  test.each([
    ['\uD800', 'high surrogate alone'],
    ['\uDFFF', 'low surrogate alone'],
    ['\uDC00\uD800', 'a pair in the wrong order'],
  ])('replaces %j (%s) with U+FFFD', (char) => {
    const cleaned = cleanText(`a${char}b`);
    expect(cleaned.text).toBe(`a${'\uFFFD'.repeat(char.length)}b`);
    expect(cleaned.repairs.surrogates).toBe(true);
  });

  test('keeps tabs, line breaks, pairs, and everything else', () => {
    const text = 'tab\there\r\nline 😀 é ｗ \u200B \u202E \uFEFF \uE000 \u{10FFFD}';
    expect(cleanText(text)).toEqual({
      text,
      repairs: { controls: false, nonCharacters: false, surrogates: false },
    });
  });

  test('turns the Unicode line breaks into line feeds, without a note', () => {
    expect(cleanText('a\u0085b\u2028c\u2029d')).toEqual({
      text: 'a\nb\nc\n\nd',
      repairs: { controls: false, nonCharacters: false, surrogates: false },
    });
  });

  test('a clean text is returned as it is', () => {
    const text = 'x'.repeat(1000);
    expect(cleanText(text).text).toBe(text);
  });

  test('is linear: a megabyte of anything takes well under a second', () => {
    for (const unit of ['\uFFFE', '\uD800', '\u0000', 'a', '😀']) {
      const start = performance.now();
      cleanText(unit.repeat(1_000_000 / unit.length));
      expect(performance.now() - start).toBeLessThan(1_000);
    }
  });
});

describe('findForbiddenCharacter', () => {
  test('finds what cleanText removes or replaces, and nothing in clean text', () => {
    expect(findForbiddenCharacter('ok 😀\t\n\r\u0085\u2028')).toBeUndefined();
    expect(findForbiddenCharacter('ab\uFFFE')).toBe('U+FFFE at 2');
    expect(findForbiddenCharacter('\uD83D')).toBe('U+D83D at 0');
    expect(findForbiddenCharacter('x\u{1FFFF}')).toBe('U+1FFFF at 1');
    expect(findForbiddenCharacter('\u0001')).toBe('U+0001 at 0');
    for (const char of NON_CHARACTERS)
      expect(findForbiddenCharacter(cleanText(`a${char}`).text)).toBeUndefined();
  });
});

describe('describeRepairs', () => {
  test('one note naming every kind of repair', () => {
    expect(describeRepairs(cleanText('\u0000\uFFFF\uD800').repairs)).toBe(
      'removed control characters; removed Unicode non-characters (such as U+FFFE); replaced lone surrogates (broken UTF-16) with U+FFFD',
    );
    expect(describeRepairs(cleanText('fine').repairs)).toBeUndefined();
  });
});

describe('hasVisibleCharacter', () => {
  test.each([
    ['zero-width space, non-joiner, joiner', '\u200B\u200C\u200D'],
    ['word joiner and the invisible operators', '\u2060\u2061\u2062\u2063\u2064'],
    ['byte order mark', '\uFEFF\uFEFF'],
    ['bidi controls', '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C'],
    ['variation selectors', '\uFE00\uFE0F\u{E0100}\u{E01EF}'],
    ['combining marks alone', '\u0301\u0308\u20DD\u0E31'],
    ['soft hyphen and combining grapheme joiner', '\u00AD\u034F'],
    ['Hangul fillers', '\u115F\u1160\u3164\uFFA0'],
    ['tag characters', '\u{E0001}\u{E0041}\u{E007F}'],
    ['Mongolian vowel separator and interlinear annotation', '\u180E\uFFF9\uFFFA\uFFFB'],
    ['spaces of every width', '\u00A0\u2000\u2003\u200A\u202F\u205F\u3000'],
    ['the blank braille pattern', '\u2800\u2800'],
    ['private use', '\uE000\u{F0000}'],
    ['a mix of all of them', '\u200B \u0301\u202E\uFE0F\u2800\u3164'],
  ])('%s show nothing', (_, text) => {
    expect(hasVisibleCharacter(text)).toBe(false);
  });

  test.each([
    ['Latin', 'Attention'],
    ['a letter among invisibles', '\u200Ba\u200B'],
    ['a letter with its combining mark', 'e\u0301'],
    ['CJK', '注意力'],
    ['Arabic', 'انتباه'],
    ['Hangul', '한'],
    ['digits', '42'],
    ['punctuation', '?!'],
    ['a symbol', '∑'],
    ['an emoji with its variation selector', '❤\uFE0F'],
    ['TeX', '$x$'],
  ])('%s shows something', (_, text) => {
    expect(hasVisibleCharacter(text)).toBe(true);
  });
});
