import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { normaliseMathDelimiters } from './math.ts';

const markdownParser = unified()
  .use(remarkParse)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkMath)
  .freeze();

/**
 * The reader-visible text of an abstract, for teasers, meta descriptions and feed summaries:
 * Markdown syntax dropped, link text kept, math as its LaTeX source, raw HTML as text.
 */
export function plainText(text: string): string {
  const tree = markdownParser.parse(normaliseMathDelimiters(text));
  return tree.children
    .map((block) => mdastToString(block, { includeHtml: true }))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
