import type { PaperData } from '../model/paper.ts';
import { isolate } from '../render/isolate.ts';
import { type CardFacts, cardFacts, type RowFacts, rowFacts, teaser } from './card.ts';
import type { Neighbours, Paper } from './digest.ts';
import { formatDayShort } from './format.ts';
import type { PaperRenderer } from './render-paper.ts';
import { citationTags, scholarlyJsonLd } from './scholarly.ts';

/**
 * What pages show of a paper, shaped for the components that show it: its card, its row, its page,
 * its link in another paper's related list, and the labelled links and facts of a record. Pure: the
 * build hands in its renderer and the taxonomy's names (src/lib/build/data.ts binds them).
 */

/** What shaping a view takes from the build. */
export interface ViewContext {
  renderer: PaperRenderer;
  /** A topic slug's display name. */
  topicName: (slug: string) => string;
}

type LinkKind = keyof PaperData['links'];

const LINK_LABELS: Record<LinkKind, string> = {
  abs: 'arXiv',
  pdf: 'PDF',
  html: 'HTML',
  hf: 'Hugging Face',
  code: 'Code',
  project: 'Project page',
};

export interface LabelledLink {
  kind: LinkKind;
  label: string;
  url: string;
}

/** A paper's links in a fixed order, each with its reader-facing label. */
export function labelledLinks(links: PaperData['links']): LabelledLink[] {
  return (Object.keys(LINK_LABELS) as LinkKind[]).flatMap((kind) => {
    const url = links[kind];
    return url ? [{ kind, label: LINK_LABELS[kind], url }] : [];
  });
}

/** Digests copied as text carry no arXiv id: a title search is the reader's next step. */
export function arxivTitleSearchUrl(title: string): string {
  return `https://arxiv.org/search/?searchtype=title&query=${encodeURIComponent(title)}`;
}

/** The facts a paper page lists, only those the record has. */
export function paperFacts(data: PaperData): [term: string, value: string][] {
  const facts: [string, string | number | undefined][] = [
    ['Published', data.published && formatDayShort(data.published)],
    ['Organization', data.organization],
    ['Upvotes', data.upvotes],
    ['GitHub stars', data.githubStars],
    ['arXiv categories', data.categories.join(', ')],
  ];
  return facts.flatMap(([term, value]) =>
    value === undefined || value === '' ? [] : [[term, String(value)]],
  );
}

export interface TopicLink {
  slug: string;
  name: string;
}

function topicLinks(slugs: readonly string[], topicName: ViewContext['topicName']): TopicLink[] {
  return slugs.map((slug) => ({ slug, name: topicName(slug) }));
}

/** What a paper card shows: its title as HTML, its facts and its topics. */
export interface PaperCardView extends CardFacts {
  paper: Paper;
  /** The title as safe HTML (inline math as MathML). */
  titleHtml: string;
  topics: TopicLink[];
}

/** A paper's card on its day's listing. */
export function paperCard(paper: Paper, { renderer, topicName }: ViewContext): PaperCardView {
  return {
    ...cardFacts(paper.data, () => renderer.abstractOpening(paper)),
    paper,
    titleHtml: renderer.titleHtml(paper),
    topics: topicLinks(paper.topics, topicName),
  };
}

/** What a paper row shows: its title as HTML and its facts (the authors and day are the paper's). */
export interface PaperRowView extends RowFacts {
  paper: Paper;
  /** The title as safe HTML (inline math as MathML). */
  titleHtml: string;
}

/** A paper's row on a topic's listing or a week's or month's ranking. */
export function paperRow(paper: Paper, renderer: PaperRenderer): PaperRowView {
  return { ...rowFacts(paper.data), paper, titleHtml: renderer.titleHtml(paper) };
}

/** A paper in another paper's related list: a linked title. */
export interface RelatedPaperLink {
  id: string;
  /** The title as safe HTML (inline math as MathML). */
  titleHtml: string;
}

function relatedLink(paper: Paper, renderer: PaperRenderer): RelatedPaperLink {
  return { id: paper.id, titleHtml: renderer.titleHtml(paper) };
}

/** Everything a paper page shows, given the papers before and after it on its day and those most like it. */
export function paperPage(
  paper: Paper,
  {
    renderer,
    topicName,
    neighbours,
    related,
  }: ViewContext & { neighbours: Neighbours<Paper>; related: readonly Paper[] },
) {
  const { data } = paper;
  const abstract = renderer.pageAbstract(paper);
  // Search engines and link previews want a sentence or two; the whole abstract is on the page itself.
  const description = teaser(data, () => abstract.text);
  return {
    paper,
    titleHtml: renderer.titleHtml(paper),
    abstractHtml: abstract.html,
    /**
     * The document's `<title>`: the site's name follows the title in it, so it is isolated. The
     * description is one record string alone, as the JSON-LD's, and left as it is.
     */
    pageTitle: isolate(data.title),
    description,
    facts: paperFacts(data),
    topics: topicLinks(paper.topics, topicName),
    /** Digests copied as text carry no arXiv link: a title search is the reader's next step. */
    arxivSearchUrl: data.links.abs ? undefined : arxivTitleSearchUrl(data.title),
    neighbours,
    /** schema.org JSON-LD, escaped for a `<script type="application/ld+json">` element. */
    jsonLd: scholarlyJsonLd(data, description),
    citationTags: citationTags(data),
    related: related.map((relatedPaper) => relatedLink(relatedPaper, renderer)),
  };
}

export type PaperPageView = ReturnType<typeof paperPage>;
