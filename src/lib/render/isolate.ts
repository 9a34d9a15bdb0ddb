import { escapeHtml } from './escape.ts';

/**
 * Record text beside the site's own words: a right-to-left override (U+202E) in a title would
 * otherwise reverse the site's words after it. In HTML a `<bdi>` holds such text; in plain text (a
 * page's `<title>`, feeds, chat messages), where no `<bdi>` can, FSI … PDI do.
 *
 * Only text that can change the order of what surrounds it is isolated: text with a right-to-left
 * character or a directional mark. Text of left-to-right and neutral characters alone reads the same
 * in the page's left-to-right flow with or without an isolate, and most records are such text, so
 * they are spared the bytes (eleven a `<bdi>`, on every author of every paper).
 */

/** FIRST STRONG ISOLATE: the text's own first strong character sets its direction. */
export const FSI = '\u2068';
/** POP DIRECTIONAL ISOLATE: ends the isolate, and with it every override and embedding begun inside. */
export const PDI = '\u2069';

/** U+2066 LRI, U+2067 RLI, U+2068 FSI and U+2069 PDI. */
const ISOLATE_MARKS = /[\u2066-\u2069]/g;

/**
 * What can reorder text around it: the blocks of right-to-left scripts (Hebrew, Arabic, Syriac,
 * Thaana, N'Ko and their neighbours, their presentation forms, and the historic and Adlam blocks of
 * the supplementary planes), the Arabic letter mark, the right-to-left mark, and the embeddings,
 * overrides and isolates. A few neutral characters of those blocks are isolated needlessly, which is
 * harmless. `&#` catches a character reference in HTML, whose character this test cannot see.
 */
const DIRECTIONAL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u061c\u200f\u202a-\u202e\u2066-\u2069\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]|&#/u;

/** Whether a record string (or its escaped HTML) needs an isolate to leave the text around it in order. */
export function needsIsolation(text: string): boolean {
  return DIRECTIONAL.test(text);
}

/**
 * A record string wrapped in FSI … PDI when it needs an isolate, as `<bdi>` wraps it in HTML. A PDI of
 * its own without an opener would end the isolate early and let an override after it reach the text
 * that follows, so it is dropped; an isolate it opens and leaves open would take the closing PDI, so it
 * is closed first.
 */
export function isolate(text: string): string {
  if (!needsIsolation(text)) return text;
  let open = 0;
  const balanced = text.replace(ISOLATE_MARKS, (mark) => {
    if (mark !== PDI) {
      open++;
      return mark;
    }
    if (open === 0) return '';
    open--;
    return mark;
  });
  return `${FSI}${balanced}${PDI.repeat(open)}${PDI}`;
}

/** A record string as HTML of its own (feeds, e-mail): escaped, and in a `<bdi>` when it needs one. */
export function isolatedHtml(text: string): string {
  const escaped = escapeHtml(text);
  return needsIsolation(text) ? `<bdi>${escaped}</bdi>` : escaped;
}
