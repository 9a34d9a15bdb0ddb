import type { Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { normaliseMathDelimiters } from './math.ts';
import { remarkHeadingsAsParagraphs } from './plugins/remark-headings-as-paragraphs.ts';
import { remarkHtmlAsText } from './plugins/remark-html-as-text.ts';
import { remarkTrimAutolinks } from './plugins/remark-trim-autolinks.ts';

/**
 * An abstract's Markdown tree, the one parse both its HTML (abstract.ts) and its text (plain-text.ts)
 * come from: parsing is most of what rendering an abstract costs, and a paper page needs both.
 */
const markdown = unified()
  .use(remarkParse)
  .use(remarkHtmlAsText)
  .use(remarkHeadingsAsParagraphs)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkTrimAutolinks)
  .use(remarkMath)
  .freeze();

/** Parses an abstract (Markdown with LaTeX) with our remark plugins applied. No budget check; may throw. */
export function parseMarkdown(text: string): MdastRoot {
  // The plugins only rewrite nodes in place, so the tree stays an mdast root.
  return markdown.runSync(markdown.parse(normaliseMathDelimiters(text))) as MdastRoot;
}

export const collapseSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The reader-visible text of a parsed abstract: link text kept, math as its LaTeX source, raw HTML as text. */
export function treeText(tree: MdastRoot): string {
  return collapseSpace(tree.children.map((block) => mdastToString(block, { includeHtml: true })).join(' '));
}
