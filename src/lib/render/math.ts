import katex from 'katex';
import { RENDER_BUDGET, type RenderBudget } from './budget.ts';
import { escapeHtml } from './escape.ts';

/** Record math is untrusted: no \\href or \\html* commands, no page-sized boxes, no macro bombs. */
export const KATEX_LIMITS = { strict: 'ignore', trust: false, maxSize: 10, maxExpand: 1000 } as const;

/**
 * Replaces each `open … close` pair (content at least one character, trimmed) with `$…$` or `$$…$$`,
 * in one left-to-right pass: once no `close` follows, no later `open` can have one either. A lazy
 * RegExp did the same in quadratic time (30,000 unclosed `\[` took 20 s).
 */
function replacePairs(text: string, open: string, close: string, dollars: string): string {
  let result = '';
  let position = 0;
  for (;;) {
    const start = text.indexOf(open, position);
    if (start === -1) break;
    const end = text.indexOf(close, start + open.length + 1);
    if (end === -1) break;
    result += `${text.slice(position, start)}${dollars}${text.slice(start + open.length, end).trim()}${dollars}`;
    position = end + close.length;
  }
  return result + text.slice(position);
}

/** arXiv authors write inline math as `\( … \)` and display math as `\[ … \]`; remark-math reads `$`. */
export function normaliseMathDelimiters(text: string): string {
  if (!text.includes('\\')) return text;
  return replacePairs(replacePairs(text, '\\[', '\\]', '$$'), '\\(', '\\)', '$');
}

/** Commands that define macros: the only way a formula's output can outgrow its source without bound. */
const DEFINITIONS = new Set([
  'def',
  'gdef',
  'edef',
  'xdef',
  'global',
  'let',
  'futurelet',
  'newcommand',
  'renewcommand',
  'providecommand',
]);

/** Named spaces that move what follows, in em (TeX's values), counted towards the total length. */
const NAMED_SPACES: Readonly<Record<string, number>> = {
  '!': 1 / 6,
  negthinspace: 1 / 6,
  negmedspace: 2 / 9,
  negthickspace: 5 / 18,
  ',': 1 / 6,
  thinspace: 1 / 6,
  ':': 2 / 9,
  '>': 2 / 9,
  medspace: 2 / 9,
  ';': 5 / 18,
  thickspace: 5 / 18,
  enspace: 0.5,
  enskip: 0.5,
  quad: 1,
  qquad: 2,
};

/** Ems per unit at KaTeX's 10 pt em (`ptPerUnit` / `ptPerEm` in KaTeX), plus the relative units. */
const EM_PER_UNIT: Readonly<Record<string, number>> = {
  em: 1,
  ex: 0.431,
  mu: 1 / 18,
  pt: 0.1,
  mm: 7227 / 25400,
  cm: 7227 / 2540,
  in: 7.227,
  bp: 803 / 8000,
  px: 803 / 8000,
  pc: 1.2,
  dd: 1238 / 11570,
  cc: 14856 / 11570,
  nd: 685 / 6420,
  nc: 1370 / 1070,
  sp: 1 / 655360,
};

/** Skips what TeX's lexer drops between a number and its unit: white space and `%` comments. */
function skipIgnored(tex: string, index: number): number {
  let position = index;
  for (;;) {
    const char = tex[position];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') position++;
    else if (char === '%') {
      const newline = tex.indexOf('\n', position);
      position = newline === -1 ? tex.length : newline + 1;
    } else return position;
  }
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
const isLetter = (char: string | undefined) =>
  char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z'));

/**
 * Why a formula may not be rendered, or `undefined`. One pass over the TeX: its size, its nesting, any
 * macro definition, and every length written in it (a number and a unit anywhere, whatever command
 * takes it, so `\raisebox`, `\kern`, `\hspace`, `\rule`, `\\[…]` and `\genfrac` are all covered).
 */
export function formulaProblem(tex: string, budget: RenderBudget = RENDER_BUDGET): string | undefined {
  if (tex.length > budget.formulaSource)
    return `the formula is ${tex.length} characters long (limit ${budget.formulaSource})`;
  let depth = 0;
  let total = 0;
  let index = 0;
  while (index < tex.length) {
    const char = tex[index] as string;
    if (char === '\\') {
      let end = index + 1;
      while (isLetter(tex[end])) end++;
      // A control word is `\` and letters; a control symbol is `\` and one other character.
      const name = end > index + 1 ? tex.slice(index + 1, end) : (tex[index + 1] ?? '');
      if (DEFINITIONS.has(name)) return `the formula defines a macro (\\${name})`;
      if (name === 'left' || name === 'begin') depth++;
      else if (name === 'right' || name === 'end') depth--;
      total += NAMED_SPACES[name] ?? 0;
      index = end > index + 1 ? end : index + 2;
    } else if (isDigit(char) || (char === '.' && isDigit(tex[index + 1]))) {
      let end = index;
      while (isDigit(tex[end])) end++;
      if (tex[end] === '.') end++;
      while (isDigit(tex[end])) end++;
      const value = Number(tex.slice(index, end));
      // KaTeX reads a unit as the two letters after the number, whatever follows them.
      const unitStart = skipIgnored(tex, end);
      const unit = EM_PER_UNIT[tex.slice(unitStart, unitStart + 2)];
      if (unit !== undefined) {
        const length = value * unit;
        if (length > budget.formulaLength)
          return `the formula moves or sizes something by ${Math.round(length)} em (limit ${budget.formulaLength})`;
        total += length;
        index = unitStart + 2;
      } else {
        index = end;
      }
    } else if (char === '%') {
      index = skipIgnored(tex, index);
    } else {
      if (char === '{') depth++;
      else if (char === '}') depth--;
      index++;
    }
    if (depth > budget.formulaNesting) return `the formula nests deeper than ${budget.formulaNesting} levels`;
    if (total > budget.formulaLengthTotal)
      return `the formula's lengths add up to more than ${budget.formulaLengthTotal} em`;
  }
  return undefined;
}

/** How a formula is shown when it is not rendered: its TeX source as text, with the reason on hover. */
export function formulaSource(tex: string, reason: string, displayMode: boolean): string {
  const tag = displayMode ? 'div' : 'span';
  return `<${tag} class="math-source" title="${escapeHtml(`Formula not rendered: ${reason}`)}">${escapeHtml(tex)}</${tag}>`;
}

export interface FormulaOptions {
  displayMode: boolean;
  output: 'htmlAndMathml' | 'mathml';
}

/**
 * Renders one formula with KaTeX, within budget: a formula that fails the checks above, makes KaTeX
 * throw anything (a stack overflow included), or renders to more HTML than allowed shows its source.
 * A TeX syntax error is KaTeX's own `katex-error` span with the source. Never throws.
 */
export function renderFormula(
  tex: string,
  { displayMode, output }: FormulaOptions,
  budget: RenderBudget = RENDER_BUDGET,
): string {
  const problem = formulaProblem(tex, budget);
  if (problem) return formulaSource(tex, problem, displayMode);
  let html: string;
  try {
    html = katex.renderToString(tex, { ...KATEX_LIMITS, displayMode, output, throwOnError: false });
  } catch (error) {
    return formulaSource(tex, `KaTeX failed (${(error as Error).name})`, displayMode);
  }
  if (html.length > budget.formulaHtml)
    return formulaSource(
      tex,
      `it would be ${html.length.toLocaleString('en')} characters of HTML (limit ${budget.formulaHtml.toLocaleString('en')})`,
      displayMode,
    );
  return focusableDisplay(html);
}

const DISPLAY_BOX = '<span class="katex-display">';

/**
 * A display formula scrolls sideways in its own box when it is wider than the column (global.css):
 * in the tab order, a keyboard can reach that box and scroll it with the arrow keys (WCAG 2.1.1), and
 * public/reader.js then leaves those keys alone.
 */
function focusableDisplay(html: string): string {
  return html.startsWith(DISPLAY_BOX)
    ? `<span class="katex-display" tabindex="0">${html.slice(DISPLAY_BOX.length)}`
    : html;
}
