import { cutText, markdownProblem, RENDER_BUDGET } from './budget.ts';
import { collapseSpace, parseMarkdown, treeText } from './markdown.ts';
import { isProse } from './prose.ts';

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

/** The text of an abstract through remark, with no budget check and no prose shortcut. May throw. */
export function markdownText(text: string): string {
  return treeText(parseMarkdown(text));
}
