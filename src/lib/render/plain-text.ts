import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { cutText, markdownProblem, RENDER_BUDGET } from './budget.ts';
import { normaliseMathDelimiters } from './math.ts';
import { isProse } from './prose.ts';

const markdownParser = unified()
  .use(remarkParse)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkMath)
  .freeze();

const collapseSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

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
  const tree = markdownParser.parse(normaliseMathDelimiters(text));
  return collapseSpace(tree.children.map((block) => mdastToString(block, { includeHtml: true })).join(' '));
}
