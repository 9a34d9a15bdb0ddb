import type { ElementContent, Root as HastRoot } from 'hast';
import katex from 'katex';
import type { Link, Root as MdastRoot, Parent, RootContent, Text } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
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

// Parents whose children are blocks: raw HTML there is an HTML *block* and its text needs a paragraph.
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** Raw HTML in a record is shown as the text it is, neither dropped (text would be lost) nor run. */
function remarkHtmlAsText() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'html' || !parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value };
      parent.children[index] = FLOW_PARENTS.has(parent.type)
        ? ({ type: 'paragraph', children: [text] } as RootContent)
        : text;
    });
  };
}

/** A record's `#` or underlined line must not become a heading in the page's outline. */
function remarkHeadingsAsParagraphs() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'heading' || !parent || index === undefined) return;
      parent.children[index] = { type: 'paragraph', children: node.children } as RootContent;
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

/** Links in records may only lead to absolute http(s) URLs; any other link is unwrapped to its text. */
function rehypeOnlyWebLinks() {
  const unwrap = (children: ElementContent[]): ElementContent[] =>
    children.flatMap((child) => {
      if (child.type !== 'element') return [child];
      child.children = unwrap(child.children);
      return child.tagName === 'a' && !isWebUrl(String(child.properties.href ?? ''))
        ? child.children
        : [child];
    });
  return (tree: HastRoot) => {
    tree.children = unwrap(tree.children as ElementContent[]);
  };
}

function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value);
}

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // An image in an abstract would be a hot-linked tracker; nothing a reader needs.
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'img'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
};

/** Record math is untrusted: no \\href or \\html* commands, no page-sized boxes, no macro bombs. */
const KATEX_LIMITS = { strict: 'ignore', trust: false, maxSize: 10, maxExpand: 1000 } as const;

/** Math as HTML+MathML for pages (styled by KaTeX's CSS); MathML alone for feeds, where no stylesheet applies. */
export type MathOutput = 'htmlAndMathml' | 'mathml';

function createProcessor(output: MathOutput) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkHtmlAsText)
      .use(remarkHeadingsAsParagraphs)
      .use(remarkGfm, { singleTilde: false })
      .use(remarkTrimAutolinks)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeOnlyWebLinks)
      // After sanitizing, so KaTeX's own markup survives; KaTeX escapes what it is given and, with
      // `trust: false`, refuses \href, \url and \html* commands; maxSize and maxExpand stop a `\rule{500em}{500em}`
      // or a macro bomb from covering the page or stalling the build. On a parse error rehype-katex
      // shows the source text in a `katex-error` span instead of throwing.
      .use(rehypeKatex, { ...KATEX_LIMITS, output })
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

const TITLE_MATH = /\$([^$]+?)\$|\\\((.+?)\\\)/g;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A title as safe HTML: its inline math (`$…$`, `\(…\)`) rendered by KaTeX, everything else escaped
 * text. Titles are not Markdown: `*` and `_` in them are meant literally.
 */
export function renderTitle(title: string): string {
  let html = '';
  let last = 0;
  for (const match of title.matchAll(TITLE_MATH)) {
    const tex = match[1] ?? match[2] ?? '';
    html += escapeHtml(title.slice(last, match.index));
    // MathML alone: browsers lay it out natively, so list pages need no KaTeX stylesheet for titles.
    html += katex.renderToString(tex, { ...KATEX_LIMITS, throwOnError: false, output: 'mathml' });
    last = match.index + match[0].length;
  }
  return html + escapeHtml(title.slice(last));
}
