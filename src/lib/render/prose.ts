/**
 * Plain prose: an abstract in which neither Markdown nor LaTeX finds anything to format. About half of
 * real abstracts are prose (the Hugging Face and arXiv samples, and the benchmark's generated ones),
 * and parsing one with remark costs about 1.6 ms, which at 10,000 papers was a quarter of the build.
 * A prose abstract's HTML and text are what remark would give, written directly; prose.test.ts checks
 * that equality on generated text and on the real samples.
 *
 * What keeps it prose: only letters, marks, digits, spaces, line feeds and punctuation that Markdown
 * leaves alone in running text (no `\ $ * _ ~ [ ] ` < > & # | @` and no web address, which GFM would
 * link); every line starts with a letter, an opening bracket or a quote (so no list, heading, setext
 * underline, code indent or block quote); and no space at either end of a line (hard breaks and
 * indentation).
 */

const PROSE_CHARS = /^[\p{L}\p{M}\p{N} \n.,;:!?'"()%/+=’‘“”–—…-]*$/u;
const WEB_ADDRESS = /https?:\/\/|www\./i;
const LINE_OPENER = /^[\p{L}("'‘“]/u;

/** Whether remark would leave this text as plain paragraphs. Linear in the text. */
export function isProse(text: string): boolean {
  if (!PROSE_CHARS.test(text) || WEB_ADDRESS.test(text)) return false;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (!LINE_OPENER.test(line) || line.startsWith(' ') || line.endsWith(' ')) return false;
  }
  return text.trim() === text;
}

const PROSE_RUN = /^[\p{L}\p{M}\p{N} \n.,;:!?'"()%/+=’‘“”–—…-]*/u;

/**
 * The longest opening of a text that is prose on its own and that nothing after it can format: a run
 * of prose characters, stopped before any web address, up to its last white space (a word the run ends
 * inside, such as `www` or a name before `@`, may go on as an address), or the empty string. Markdown formats only from a character
 * prose lacks, and block structure after the opening (a list, a heading underline, a table's delimiter
 * row) changes the blocks around its text, never the text: so the reader-visible text of the whole
 * begins with the opening's, white space collapsed.
 */
export function proseOpening(text: string): string {
  const prose = PROSE_RUN.exec(text)?.[0] ?? '';
  const address = prose.search(WEB_ADDRESS);
  const run = address < 0 ? prose : prose.slice(0, address);
  const opening =
    run.length === text.length ? run : run.slice(0, Math.max(run.lastIndexOf(' '), run.lastIndexOf('\n'), 0));
  const trimmed = opening.trimEnd();
  return isProse(trimmed) ? trimmed : '';
}

/** The HTML of a prose text: its blank-line separated paragraphs, which need no escaping. */
export function proseHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('\n');
}
