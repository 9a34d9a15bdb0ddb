import type { Link, Root as MdastRoot, Parent, RootContent, Text } from 'mdast';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeKatex from 'rehype-katex';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Renders third-party text (abstracts) to safe HTML for pages and feeds. Record text never goes
 * through Astro's own Markdown processor, which passes raw HTML through.
 */

/** arXiv authors write inline math as `\( … \)` and display math as `\[ … \]`; remark-math reads `$`. */
export function normaliseMathDelimiters(text: string): string {
  return text
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, math: string) => `$$${math.trim()}$$`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, math: string) => `$${math.trim()}$`);
}

/** Raw HTML in a record is shown as the text it is, neither dropped (text would be lost) nor run. */
function remarkHtmlAsText() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'html' || !parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value };
      // A line that starts with a tag is an HTML *block*: give its text a paragraph of its own.
      const inPhrasing = parent.type === 'paragraph' || parent.type === 'heading' || parent.type === 'link';
      parent.children[index] = inPhrasing ? text : ({ type: 'paragraph', children: [text] } as RootContent);
    });
  };
}

// Characters RFC 3986 never allows unencoded in a URL; abstracts glue LaTeX or markup onto bare links
// (`…/README.md{here.}`, `\url{…}`), and GFM's autolinker keeps them.
const NOT_IN_URL = /[{}\\^`|<>"]/;
const TRAILING_PUNCTUATION = /[.,;:!?'*_~]+$/;

/** Cuts a bare-URL autolink at the first character that cannot be part of a URL. */
function remarkTrimAutolinks() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'link' || !parent || index === undefined) return;
      const link = node as Link;
      const label =
        link.children.length === 1 && link.children[0]?.type === 'text' ? link.children[0].value : null;
      const cut = label?.search(NOT_IN_URL) ?? -1;
      if (label === null || cut <= 0) return;
      const kept = label.slice(0, cut).replace(TRAILING_PUNCTUATION, '');
      const rest = label.slice(kept.length);
      const isAutolink =
        link.url === label || link.url === `http://${label}` || link.url === `mailto:${label}`;
      if (!isAutolink) return;
      link.url = link.url.slice(0, link.url.length - label.length) + kept;
      link.children = [{ type: 'text', value: kept }];
      parent.children.splice(index + 1, 0, { type: 'text', value: rest } as RootContent);
    });
  };
}

function walk(
  node: MdastRoot | RootContent,
  visit: (node: RootContent, index: number | undefined, parent: Parent | undefined) => void,
): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  // Index-based so that nodes inserted after the current one are visited too.
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index] as RootContent;
    visit(child, index, parent);
    walk(child, visit);
  }
}

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // An image in an abstract would be a hot-linked tracker; nothing a reader needs.
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'img'),
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
};

/** Math as HTML+MathML for pages (styled by KaTeX's CSS); MathML alone for feeds, where no stylesheet applies. */
export type MathOutput = 'htmlAndMathml' | 'mathml';

function createProcessor(output: MathOutput) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkHtmlAsText)
      .use(remarkGfm, { singleTilde: false })
      .use(remarkTrimAutolinks)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeSanitize, sanitizeSchema)
      // After sanitizing, so KaTeX's own markup survives; KaTeX escapes what it is given and, with
      // `trust: false`, refuses \href, \url and \html* commands. On a parse error rehype-katex
      // shows the source text in a `katex-error` span instead of throwing.
      .use(rehypeKatex, { strict: 'ignore', trust: false, output })
      .use(rehypeExternalLinks, { rel: ['nofollow', 'ugc', 'noopener', 'noreferrer'] })
      .use(rehypeStringify)
      .freeze()
  );
}

const processors = { htmlAndMathml: createProcessor('htmlAndMathml'), mathml: createProcessor('mathml') };

/** Renders an abstract (Markdown with LaTeX) to sanitized HTML with math rendered at build time. */
export function renderAbstract(text: string, math: MathOutput = 'htmlAndMathml'): string {
  return String(processors[math].processSync(normaliseMathDelimiters(text)));
}
