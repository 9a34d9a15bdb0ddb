/**
 * What one record may cost to render. Records are untrusted, and the libraries that format them are
 * not linear on every input: micromark's emphasis, bracket and autolink-trail resolution is quadratic
 * in the number of delimiters (16 KB of `a]` took 35 s, 8 KB of dots after a URL 3.6 s), and KaTeX's
 * `maxExpand` bounds macro expansions, not their output (1.25 KB of nested `\def` wrote a 9.9 MB page).
 * So every text is measured with a linear scan before a library sees it, and every output is measured
 * after: past a budget, a formula shows its TeX source and an abstract is shown as escaped plain text.
 * The importer runs the same checks (`checkRenderable`), so it can refuse such a record with a message.
 */
export const RENDER_BUDGET = {
  /** Characters of an abstract formatted as Markdown; a longer one is plain text, shortened to this many. */
  abstractSource: 10_000,
  /** Markdown delimiters (`* _ ~ [ ] \` < > |`) in one abstract: the parser's cost grows with their square. */
  abstractMarkup: 1_000,
  /** The longest run of ASCII punctuation (dots after a URL, a row of brackets) in one abstract. */
  punctuationRun: 200,
  /** Block quotes and list markers opened on one line. */
  blockNesting: 16,
  /** Leading spaces of one line, in columns (nested lists nest by indentation). */
  indentation: 64,
  /** Characters of HTML one abstract may render to; past it, the abstract is plain text. */
  abstractHtml: 250_000,
  /** Characters of a title rendered with its math; a longer title is escaped text, shortened to this many. */
  titleSource: 1_000,
  /** Characters of HTML a title may render to (it is on every list its paper is on); past it, escaped text. */
  titleHtml: 20_000,
  /** Formulas rendered per text; later ones show their TeX source. */
  formulas: 100,
  /** TeX characters rendered per text, all formulas together; later formulas show their source. */
  formulaSourceTotal: 5_000,
  /** TeX characters of one formula. */
  formulaSource: 1_000,
  /** Brace and `\left`/`\begin` nesting of one formula (KaTeX recurses per level). */
  formulaNesting: 32,
  /** Characters of HTML one formula may render to. */
  formulaHtml: 100_000,
  /**
   * Lengths a formula may give (`\kern`, `\raisebox`, `\hspace`, `\rule`, `\\[…]`), in em: each one, and
   * all of them together with the named spaces (`\quad`, `\!`…). Beyond them math could move text over
   * the page around it; CSS clips what stays within.
   */
  formulaLength: 3,
  formulaLengthTotal: 20,
} as const;

export type RenderBudget = typeof RENDER_BUDGET;

/** Characters whose number makes micromark's inline resolution slow: emphasis, links, code, HTML, tables. */
const MARKUP = new Set(['*', '_', '~', '[', ']', '`', '<', '>', '|']);

function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

/** Reads the container prefix of the line starting at `start`: its columns of indentation and its markers. */
function linePrefix(text: string, start: number): { indentation: number; markers: number } {
  let indentation = 0;
  let markers = 0;
  let index = start;
  for (;;) {
    const char = text[index];
    if (char === ' ') {
      indentation++;
      index++;
    } else if (char === '\t') {
      indentation += 4 - (indentation % 4);
      index++;
    } else if (char === '>') {
      markers++;
      index++;
    } else if (char === '-' || char === '+' || char === '*') {
      const next = text[index + 1];
      if (next !== ' ' && next !== '\t') break;
      markers++;
      index++;
    } else if (char !== undefined && char >= '0' && char <= '9') {
      let end = index;
      while (end - index < 9 && (text[end] ?? '') >= '0' && (text[end] ?? '') <= '9') end++;
      const delimiter = text[end];
      const after = text[end + 1];
      if ((delimiter !== '.' && delimiter !== ')') || (after !== ' ' && after !== '\t')) break;
      markers++;
      index = end + 1;
    } else {
      break;
    }
  }
  return { indentation, markers };
}

/**
 * Why an abstract is too costly to format as Markdown, or `undefined` when it is within budget. One
 * pass over the text; it reads each character a bounded number of times.
 */
export function markdownProblem(text: string, budget: RenderBudget = RENDER_BUDGET): string | undefined {
  if (text.length > budget.abstractSource)
    return `it is ${text.length.toLocaleString('en')} characters long (limit ${budget.abstractSource.toLocaleString('en')})`;
  let markup = 0;
  let run = 0;
  let lineStart = true;
  for (let index = 0; index < text.length; index++) {
    if (lineStart) {
      lineStart = false;
      const { indentation, markers } = linePrefix(text, index);
      if (markers > budget.blockNesting)
        return `a line opens ${markers} block quotes or lists (limit ${budget.blockNesting})`;
      if (indentation > budget.indentation)
        return `a line is indented ${indentation} columns (limit ${budget.indentation})`;
    }
    const char = text[index] as string;
    if (char === '\n') lineStart = true;
    if (MARKUP.has(char) && ++markup > budget.abstractMarkup)
      return `it has more than ${budget.abstractMarkup} Markdown delimiters (* _ ~ [ ] \` < > |)`;
    run = isAsciiPunctuation(char.charCodeAt(0)) ? run + 1 : 0;
    if (run > budget.punctuationRun)
      return `it has a run of more than ${budget.punctuationRun} punctuation characters`;
  }
  return undefined;
}

/** Cuts a text to at most `length` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
