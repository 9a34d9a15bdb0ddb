/**
 * Record text in plain text (a page's `<title>`, feeds, chat messages), where no `<bdi>` can hold it:
 * a right-to-left override (U+202E) in a title would otherwise reverse the site's words after it.
 */

/** FIRST STRONG ISOLATE: the text's own first strong character sets its direction. */
export const FSI = '\u2068';
/** POP DIRECTIONAL ISOLATE: ends the isolate, and with it every override and embedding begun inside. */
export const PDI = '\u2069';

/** U+2066 LRI, U+2067 RLI, U+2068 FSI and U+2069 PDI. */
const ISOLATE_MARKS = /[\u2066-\u2069]/g;

/**
 * A record string wrapped in FSI … PDI, as `<bdi>` wraps it in HTML. A PDI of its own without an
 * opener would end the isolate early and let an override after it reach the text that follows, so it
 * is dropped; an isolate it opens and leaves open would take the closing PDI, so it is closed first.
 */
export function isolate(text: string): string {
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
