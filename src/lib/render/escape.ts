/** Escapes text for HTML and XML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Everything outside XML 1.0's `Char` production: C0 controls other than tab, line feed and carriage
 * return, lone surrogates (the `u` flag reads a pair as one character, so only lone halves match) and
 * U+FFFE, U+FFFF. One character class, so one linear pass.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** A string with every character XML 1.0 forbids removed, so that a strict parser accepts it. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}
