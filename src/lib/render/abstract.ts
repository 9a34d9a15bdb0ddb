import type { Root as MdastRoot } from 'mdast';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { cutText, markdownProblem, RENDER_BUDGET } from './budget.ts';
import { escapeHtml } from './escape.ts';
import { collapseSpace, parseMarkdown, treeText } from './markdown.ts';
import { rehypeMath } from './plugins/rehype-math.ts';
import { rehypeOnlyWebLinks } from './plugins/rehype-only-web-links.ts';
import { isProse, proseHtml } from './prose.ts';
import { EXTERNAL_REL } from './web-links.ts';

/**
 * Renders third-party text (abstracts) to safe HTML for pages and feeds. Record text never goes
 * through Astro's own Markdown processor, which passes raw HTML through.
 */

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // An image in an abstract would be a hot-linked tracker, a form control (GFM's task-list checkbox)
  // an unlabelled input in our page; nothing a reader needs.
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'img' && tag !== 'input'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    // A code block's language is a word (` ```python `), never arbitrary record text in a class name.
    code: [['className', /^language-[\w+#.-]+$/, 'math-inline', 'math-display']],
  },
};

/** Math as HTML+MathML for pages (styled by KaTeX's CSS); MathML alone for feeds, where no stylesheet applies. */
export type MathOutput = 'htmlAndMathml' | 'mathml';

/** From the Markdown tree (markdown.ts) to safe HTML. */
function createHtmlProcessor(output: MathOutput) {
  return (
    unified()
      // A footnote section's label is a paragraph, not an <h2> in the page's outline; ids get the
      // sanitizer's `user-content-` prefix once, not twice.
      .use(remarkRehype, { footnoteLabelTagName: 'p', clobberPrefix: '' })
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeOnlyWebLinks)
      // After sanitizing, so KaTeX's own markup survives. KaTeX escapes what it is given and, with
      // `trust: false`, refuses \href, \url and \html* commands; rehypeMath checks each formula's
      // source (size, nesting, macro definitions, lengths) before KaTeX sees it and its HTML after.
      .use(rehypeMath, { output })
      .use(rehypeExternalLinks, { rel: EXTERNAL_REL.split(' ') })
      // rehypeMath's KaTeX output is the only raw HTML in the tree: the sanitizer ran before it.
      .use(rehypeStringify, { allowDangerousHtml: true })
      .freeze()
  );
}

const htmlProcessors = {
  htmlAndMathml: createHtmlProcessor('htmlAndMathml'),
  mathml: createHtmlProcessor('mathml'),
};

function treeHtml(tree: MdastRoot, math: MathOutput): string {
  const processor = htmlProcessors[math];
  return processor.stringify(processor.runSync(tree));
}

/** An abstract through remark and rehype, with no budget check and no prose shortcut. May throw. */
export function formatMarkdown(text: string, math: MathOutput = 'htmlAndMathml'): string {
  return treeHtml(parseMarkdown(text), math);
}

/** A rendering, and why it fell back to plain text if it did. */
export interface Rendered {
  html: string;
  /** Set when the text could not be formatted within budget and is shown as escaped plain text instead. */
  fallback?: string;
}

/**
 * An abstract as escaped plain text: its paragraphs (blank-line separated) as `<p>`s, shortened to the
 * source budget, with a note that says so. Linear, and it cannot fail.
 */
function plainFallback(text: string, reason: string): Rendered {
  const shown = cutText(text, RENDER_BUDGET.abstractSource);
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of shown.split('\n')) {
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(current.join('\n'));
  const hidden = text.length - shown.length;
  const note =
    hidden > 0
      ? `Shown as plain text and shortened: ${hidden.toLocaleString('en')} more characters are not shown.`
      : 'Shown as plain text: this abstract is too large or too deeply nested to format.';
  const html = `${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('')}<p class="render-note">${note}</p>`;
  return { html, fallback: reason };
}

/** An abstract's HTML (`Rendered`) and its reader-visible text, what `plainText` gives. */
export interface RenderedWithText extends Rendered {
  text: string;
}

/**
 * Renders an abstract (Markdown with LaTeX) to sanitized HTML with math rendered at build time, within
 * the render budget, and gives its text from the same parse; says why when the HTML had to fall back
 * to plain text. Never throws.
 */
export function renderAbstractWithText(text: string, math: MathOutput = 'htmlAndMathml'): RenderedWithText {
  const problem = markdownProblem(text);
  if (problem)
    return {
      ...plainFallback(text, problem),
      text: collapseSpace(cutText(text, RENDER_BUDGET.abstractSource)),
    };
  if (isProse(text)) return { html: proseHtml(text), text: collapseSpace(text) };
  let tree: MdastRoot;
  try {
    tree = parseMarkdown(text);
  } catch (error) {
    // A stack overflow in a library on input the pre-checks let through, for one.
    return { ...formattingFailed(text, error), text: collapseSpace(text) };
  }
  const treeTextValue = treeText(tree);
  let html: string;
  try {
    html = treeHtml(tree, math);
  } catch (error) {
    return { ...formattingFailed(text, error), text: treeTextValue };
  }
  if (html.length > RENDER_BUDGET.abstractHtml)
    return {
      ...plainFallback(
        text,
        `its HTML would be ${html.length.toLocaleString('en')} characters (limit ${RENDER_BUDGET.abstractHtml.toLocaleString('en')})`,
      ),
      text: treeTextValue,
    };
  return { html, text: treeTextValue };
}

function formattingFailed(text: string, error: unknown): Rendered {
  return plainFallback(text, `formatting failed: ${(error as Error).name}: ${(error as Error).message}`);
}

/**
 * Renders an abstract (Markdown with LaTeX) to sanitized HTML with math rendered at build time, within
 * the render budget; says why when it had to fall back to plain text. Never throws.
 */
export function renderAbstractChecked(text: string, math: MathOutput = 'htmlAndMathml'): Rendered {
  const { text: _text, ...rendered } = renderAbstractWithText(text, math);
  return rendered;
}

/** Renders an abstract (Markdown with LaTeX) to sanitized HTML with math rendered at build time. Never throws. */
export function renderAbstract(text: string, math: MathOutput = 'htmlAndMathml'): string {
  return renderAbstractChecked(text, math).html;
}
