import { type MathOutput, renderAbstractChecked, renderAbstractWithText } from '../render/abstract.ts';
import { checkRenderable } from '../render/check.ts';
import { plainTextOpening } from '../render/plain-text.ts';
import { renderTitleChecked } from '../render/title.ts';
import { TEASER_LENGTH } from './card.ts';
import type { Paper } from './digest.ts';
import { excerptReach } from './format.ts';

/** What the build renders of a record, each piece at most once per paper and output. */
export interface PaperRenderer {
  /** The title as HTML (inline math as MathML). */
  titleHtml(paper: Paper): string;
  /** The abstract as HTML: with KaTeX's HTML and MathML for pages, MathML alone for feeds. */
  abstractHtml(paper: Paper, math?: MathOutput): string;
  /**
   * The opening of the abstract's reader-visible text, as far as a teaser reads (`excerpt` of
   * `TEASER_LENGTH`): teasers and descriptions are made from it.
   */
  abstractOpening(paper: Paper): string;
  /** The page abstract's HTML (`abstractHtml`) and its whole text, from one parse. */
  pageAbstract(paper: Paper): { html: string; text: string };
}

/**
 * Renders records defensively: the render functions never throw, and a title or abstract they could
 * only show as escaped plain text (over budget, or a library failed on it) gets one warning for the
 * whole record, naming its file and every field concerned, however many pages show it. What is shown
 * more than once is cached per paper: a card's title and teaser on its day page and each of its topic
 * pages, a feed item in the site feed and each topic feed. The page abstract is rendered once, on the
 * paper's own page, and not kept (100,000 of them would hold hundreds of megabytes).
 */
export function createPaperRenderer(warn: (message: string) => void = console.warn): PaperRenderer {
  const warned = new Set<string>();
  const report = (paper: Paper) => {
    const name = paper.file ?? `paper "${paper.id}"`;
    if (warned.has(name)) return;
    warned.add(name);
    const problems = checkRenderable({ title: paper.data.title, abstract: paper.abstract });
    const details = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
    warn(`[paperboy] ${name}: shown as plain text (${details})`);
  };
  const cached = <T>(compute: (paper: Paper) => T, cache = new Map<string, T>()) => {
    return (paper: Paper): T => {
      let value = cache.get(paper.id);
      if (value === undefined) {
        value = compute(paper);
        cache.set(paper.id, value);
      }
      return value;
    };
  };
  const withReport = (paper: Paper, rendered: { html: string; fallback?: string }) => {
    if (rendered.fallback !== undefined) report(paper);
    return rendered.html;
  };
  const abstractHtml = {
    htmlAndMathml: (paper: Paper) =>
      withReport(paper, renderAbstractChecked(paper.abstract, 'htmlAndMathml')),
    mathml: cached((paper) => withReport(paper, renderAbstractChecked(paper.abstract, 'mathml'))),
  };
  const openings = new Map<string, string>();
  const reach = excerptReach(TEASER_LENGTH);
  return {
    titleHtml: cached((paper) => withReport(paper, renderTitleChecked(paper.data.title))),
    abstractHtml: (paper, math = 'htmlAndMathml') => abstractHtml[math](paper),
    abstractOpening: cached((paper) => plainTextOpening(paper.abstract, reach), openings),
    pageAbstract: (paper) => {
      const rendered = renderAbstractWithText(paper.abstract, 'htmlAndMathml');
      openings.set(paper.id, rendered.text.slice(0, reach));
      return { html: withReport(paper, rendered), text: rendered.text };
    },
  };
}
