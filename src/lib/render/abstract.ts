import rehypeExternalLinks from 'rehype-external-links';
import rehypeKatex from 'rehype-katex';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { KATEX_LIMITS, normaliseMathDelimiters } from './math.ts';
import { rehypeOnlyWebLinks } from './plugins/rehype-only-web-links.ts';
import { remarkHeadingsAsParagraphs } from './plugins/remark-headings-as-paragraphs.ts';
import { remarkHtmlAsText } from './plugins/remark-html-as-text.ts';
import { remarkTrimAutolinks } from './plugins/remark-trim-autolinks.ts';
import { EXTERNAL_REL } from './web-links.ts';

/**
 * Renders third-party text (abstracts) to safe HTML for pages and feeds. Record text never goes
 * through Astro's own Markdown processor, which passes raw HTML through.
 */

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
      .use(rehypeExternalLinks, { rel: EXTERNAL_REL.split(' ') })
      .use(rehypeStringify)
      .freeze()
  );
}

const processors = { htmlAndMathml: createProcessor('htmlAndMathml'), mathml: createProcessor('mathml') };

/** Renders an abstract (Markdown with LaTeX) to sanitized HTML with math rendered at build time. */
export function renderAbstract(text: string, math: MathOutput = 'htmlAndMathml'): string {
  return String(processors[math].processSync(normaliseMathDelimiters(text)));
}
