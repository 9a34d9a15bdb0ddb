import { cutText, markdownProblem, RENDER_BUDGET } from './budget.ts';
import { collapseSpace, parseMarkdown, treeText } from './markdown.ts';
import { isProse, proseOpening } from './prose.ts';

/**
 * The reader-visible text of an abstract, for teasers, meta descriptions and feed summaries:
 * Markdown syntax dropped, link text kept, math as its LaTeX source, raw HTML as text. An abstract
 * over the render budget (or one the parser fails on) gives its own text, shortened. Never throws.
 */
export function plainText(text: string): string {
  if (markdownProblem(text)) return collapseSpace(cutText(text, RENDER_BUDGET.abstractSource));
  if (isProse(text)) return collapseSpace(text);
  try {
    return markdownText(text);
  } catch {
    return collapseSpace(text);
  }
}

/**
 * The beginning of `plainText(text)`, at least `length` characters of it (all of it when it is
 * shorter): the text of the abstract's opening prose (`proseOpening`) when that is long enough, which
 * spares a teaser the Markdown parse of the whole abstract; else `plainText` itself. Most abstracts open
 * with plain prose. Never throws.
 */
export function plainTextOpening(text: string, length: number): string {
  // Over the budget, `plainText` is the source cut short, which the opening may outrun.
  if (markdownProblem(text)) return plainText(text);
  const opening = collapseSpace(proseOpening(text));
  return opening.length >= length ? opening : plainText(text);
}

/** The text of an abstract through remark, with no budget check and no prose shortcut. May throw. */
export function markdownText(text: string): string {
  return treeText(parseMarkdown(text));
}
