import type { Rendered } from './abstract.ts';
import { cutText, RENDER_BUDGET } from './budget.ts';
import { escapeHtml } from './escape.ts';
import { formulaSource, renderFormula } from './math.ts';

/** A piece of a title: text, or the TeX of an inline formula. */
export type TitlePart = { text: string } | { tex: string };

const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);

/** The first line break at or after `from`, or -1. */
function lineBreakFrom(text: string, from: number): number {
  for (let index = from; index < text.length; index++)
    if (LINE_BREAKS.has(text[index] as string)) return index;
  return -1;
}

/**
 * Splits a title into text and inline math: `$…$`, and `\(…\)` within one line, each formula at least
 * one character long and ended by the first closing delimiter (what `/\$([^$]+?)\$|\\\((.+?)\\\)/g`
 * matched). One pass: the next `$`, `\)` and line break are looked up once and reused while they lie
 * ahead, so a title full of unclosed delimiters costs no rescans (the lazy RegExp was quadratic).
 */
export function titleParts(title: string): TitlePart[] {
  const parts: TitlePart[] = [];
  // -2: not looked up yet; -1: none left.
  let nextDollar = -2;
  let nextClose = -2;
  let nextBreak = -2;
  const ahead = (cached: number, from: number, find: () => number) =>
    cached !== -1 && cached < from ? find() : cached;
  let last = 0;
  let index = 0;
  while (index < title.length) {
    let end = -1;
    let tex = '';
    if (title[index] === '$') {
      nextDollar = ahead(nextDollar, index + 1, () => title.indexOf('$', index + 1));
      if (nextDollar > index + 1) {
        tex = title.slice(index + 1, nextDollar);
        end = nextDollar + 1;
      }
    } else if (title[index] === '\\' && title[index + 1] === '(') {
      nextClose = ahead(nextClose, index + 3, () => title.indexOf('\\)', index + 3));
      nextBreak = ahead(nextBreak, index + 2, () => lineBreakFrom(title, index + 2));
      if (nextClose !== -1 && (nextBreak === -1 || nextBreak > nextClose)) {
        tex = title.slice(index + 2, nextClose);
        end = nextClose + 2;
      }
    }
    if (end === -1) {
      index++;
      continue;
    }
    if (index > last) parts.push({ text: title.slice(last, index) });
    parts.push({ tex });
    last = end;
    index = end;
  }
  if (last < title.length) parts.push({ text: title.slice(last) });
  return parts;
}

/**
 * A title as safe HTML, within the render budget, saying why when it fell back to escaped text: its
 * inline math rendered by KaTeX as MathML (browsers lay it out natively, so list pages need no KaTeX
 * stylesheet), everything else escaped text. Titles are not Markdown: `*` and `_` are meant literally.
 * Never throws.
 */
export function renderTitleChecked(title: string): Rendered {
  const budget = RENDER_BUDGET;
  if (title.length > budget.titleSource)
    return {
      html: `${escapeHtml(cutText(title, budget.titleSource))}…`,
      fallback: `the title is ${title.length.toLocaleString('en')} characters long (limit ${budget.titleSource.toLocaleString('en')})`,
    };
  try {
    let formulas = 0;
    let sourceTotal = 0;
    const html = titleParts(title)
      .map((part) => {
        if ('text' in part) return escapeHtml(part.text);
        formulas++;
        sourceTotal += part.tex.length;
        if (formulas > budget.formulas || sourceTotal > budget.formulaSourceTotal)
          return formulaSource(part.tex, 'the title has too many formulas', false);
        return renderFormula(part.tex, { displayMode: false, output: 'mathml' });
      })
      .join('');
    if (html.length > budget.titleHtml)
      return {
        html: escapeHtml(title),
        fallback: `its HTML would be ${html.length.toLocaleString('en')} characters (limit ${budget.titleHtml.toLocaleString('en')})`,
      };
    return { html };
  } catch (error) {
    return {
      html: escapeHtml(title),
      fallback: `rendering failed: ${(error as Error).name}: ${(error as Error).message}`,
    };
  }
}

/** A title as safe HTML: inline math rendered as MathML, the rest escaped text. Never throws. */
export function renderTitle(title: string): string {
  return renderTitleChecked(title).html;
}
