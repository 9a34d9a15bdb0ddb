/**
 * The phrase rule every keyword match uses (the taxonomy's rules in topics.ts, custom feeds and a
 * reader's follows in query.ts): case-insensitive whole words, spaces and dashes interchangeable, an
 * optional plural `s`/`es` after a final letter. Free of imports, so the reading pages' script can
 * carry it to the browser without the taxonomy's schema.
 */

/** Letters, combining marks, digits and `_` make up words; anything else is a word boundary. */
export const WORD_CHARS = '\\p{L}\\p{M}\\p{N}_';
/** Spaces and dashes between the words of a phrase are interchangeable. */
export const WORD_SEPARATOR = '[\\s\\p{Pd}]+';
const SEPARATOR_RUN = new RegExp(WORD_SEPARATOR, 'u');
/** Joins keywords with a character no phrase can match across. */
export const FIELD_SEPARATOR = '\n|\n';
export const LAST_LETTER = /\p{L}$/u;

/** Escapes RegExp metacharacters so a phrase like `C++` or `k-NN (v2)` matches literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function phraseWords(phrase: string): string[] {
  return phrase.normalize('NFC').split(SEPARATOR_RUN).filter(Boolean);
}

/** The RegExp source of one literal phrase: its words joined by any spaces/dashes, plus an optional plural. */
function phrasePattern(phrase: string): string {
  const words = phraseWords(phrase);
  const plural = LAST_LETTER.test(words.at(-1) ?? '') ? '(?:e?s)?' : '';
  return words.map(escapeRegExp).join(WORD_SEPARATOR) + plural;
}

/** The RegExp source that finds any of `phrases` as whole words, the phrase itself as group 1. */
export function phrasesSource(phrases: readonly string[]): string {
  return `(?:^|[^${WORD_CHARS}])(${phrases.map(phrasePattern).join('|')})(?![${WORD_CHARS}])`;
}

/**
 * One RegExp that tells whether a text holds any of the phrases, by the topics' phrase rule, without
 * case: a custom feed's keywords (site/query.ts) test `phraseText` with it. Not global, so `test()`
 * keeps no state between papers.
 */
export function compilePhraseTest(phrases: readonly string[]): RegExp | undefined {
  return phrases.length === 0 ? undefined : new RegExp(phrasesSource(phrases), 'iu');
}

/** The text a custom feed's keywords are tested in: title, abstract and keywords, in NFC, no phrase matching across two. */
export function phraseText(paper: { title: string; abstract: string; keywords: readonly string[] }): string {
  return [paper.title, paper.abstract, ...paper.keywords].join(FIELD_SEPARATOR).normalize('NFC');
}

/** The archive of an arXiv category: `q-bio.BM` → `q-bio`, `hep-th` → `hep-th`. */
export function archiveOf(category: string): string {
  const dot = category.indexOf('.');
  return dot === -1 ? category : category.slice(0, dot);
}
