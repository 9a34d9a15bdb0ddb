import { getCollection, getEntry } from 'astro:content';
import { settings } from '../../settings.ts';
import { topicResolver } from '../model/topic.ts';
import { isolate } from '../render/isolate.ts';
import { renderTitleChecked } from '../render/title.ts';
import { type CardFacts, cardFacts, type RowFacts, rowFacts, teaser } from './card.ts';
import {
  type CustomFeed,
  compileCustomFeeds,
  describeQuery,
  querySentence,
  selectCustomFeeds,
} from './custom-feeds.ts';
import { buildDigest, listPage, type Paper } from './digest.ts';
import { formerTopicPages, formerTopics } from './former-topics.ts';
import { createPageKeys } from './page-keys.ts';
import { arxivTitleSearchUrl, paperFacts } from './paper-view.ts';
import { recentPapers } from './recent-papers.ts';
import { relatedPapers, relatedText } from './related.ts';
import { paperRenderer } from './render-paper.ts';
import { citationTags, scholarlyJsonLd } from './scholarly.ts';
import { compileTaxonomy, topicsFor } from './topics.ts';
import { retractionsById, type WithdrawnView, withdrawnView, withoutRetracted } from './withdrawn.ts';

/**
 * The build's one collection query, at module scope: every page reads the same derived digest, and
 * the views below are shaped from it for components, which take what they show as props.
 */

const [paperEntries, topicEntries, feedEntries, retractionList] = await Promise.all([
  getCollection('papers'),
  getCollection('topics'),
  getCollection('feeds'),
  getEntry('retractions', 'all'),
]);
const taxonomy = topicEntries.map((entry) => entry.data);
const compiled = compileTaxonomy(taxonomy);
const retractions = retractionsById(
  (retractionList?.data.tombstones ?? []).map(({ file, retraction }) => ({ data: retraction, file })),
);

const papers = withoutRetracted(paperEntries, retractions).map((entry) => ({
  id: entry.data.id,
  data: entry.data,
  body: entry.body,
  file: entry.filePath,
}));
export const digest = buildDigest(papers, taxonomy, ({ data, abstract, file }) =>
  topicsFor({ ...data, abstract, file }, compiled),
);

const topicNames = new Map(taxonomy.map((topic) => [topic.id, topic.name]));

/** The topic an id leads to, current or former (`formerIds` in content/topics.yaml). */
export const resolveTopic = topicResolver(taxonomy);

/** Every page of every former topic id, with the page of its successor it leads to. */
export const formerPages = formerTopicPages(
  formerTopics(taxonomy),
  (id) => listPage(digest.topic(id)?.papers ?? [], settings.topicPageSize).lastPage,
);

/** The display name of a topic slug (every slug a paper has is in the taxonomy: buildDigest checks). */
export function topicName(slug: string): string {
  return topicNames.get(slug) as string;
}

/** The custom feeds of content/feeds.yaml in file order, each with its papers, newest first. */
export const customFeeds = selectCustomFeeds(
  compileCustomFeeds(
    feedEntries
      .map((entry) => entry.data)
      .sort((a, b) => a.position - b.position)
      .map((stored) => stored.feed),
    taxonomy,
  ),
  digest.papers,
);
const customFeedsById = new Map(customFeeds.map((entry) => [entry.feed.id, entry]));

/** A custom feed by id. */
export function customFeed(id: string): CustomFeed | undefined {
  return customFeedsById.get(id);
}

/** What a custom feed's query selects, in words, with topic names. */
export function customFeedQuery(entry: CustomFeed) {
  return describeQuery(entry.feed.query, topicName);
}

/** A custom feed's description: the maintainer's, else its query in a sentence. */
export function customFeedDescription(entry: CustomFeed): string {
  return entry.feed.description ?? querySentence(customFeedQuery(entry));
}

export interface TopicLink {
  slug: string;
  name: string;
}

function topicLinks(slugs: readonly string[]): TopicLink[] {
  return slugs.map((slug) => ({ slug, name: topicName(slug) }));
}

/**
 * The plain text of a paper's abstract, parsed once per build: a paper's card appears on its day page
 * and on each of its topic pages, and parsing Markdown costs about 1.6 ms an abstract. Every rendering
 * of record text goes through `paperRenderer`, which falls back to escaped text and warns once per file
 * instead of failing the build.
 */
const abstractText = (paper: Paper) => paperRenderer.abstractText(paper);

/** What a paper card shows: its title as HTML, its facts and its topics. */
export interface PaperCardView extends CardFacts {
  paper: Paper;
  /** The title as safe HTML (inline math as MathML). */
  titleHtml: string;
  topics: TopicLink[];
}

/** The cards of a day's listing. */
export function paperCards(papers: readonly Paper[]): PaperCardView[] {
  return papers.map((paper) => ({
    ...cardFacts(paper.data, () => abstractText(paper)),
    paper,
    titleHtml: paperRenderer.titleHtml(paper),
    topics: topicLinks(paper.topics),
  }));
}

/** What a paper row shows: its title as HTML and its facts (the authors and day are the paper's). */
export interface PaperRowView extends RowFacts {
  paper: Paper;
  /** The title as safe HTML (inline math as MathML). */
  titleHtml: string;
}

/** The rows of a topic's listing or a week's or month's ranking. */
export function paperRows(papers: readonly Paper[]): PaperRowView[] {
  return papers.map((paper) => ({
    ...rowFacts(paper.data),
    paper,
    titleHtml: paperRenderer.titleHtml(paper),
  }));
}

/** A paper in another paper's related list: a linked title and its day. */
export interface RelatedPaperLink {
  id: string;
  /** The title as safe HTML (inline math as MathML). */
  titleHtml: string;
  day: string;
}

let relatedLists: Map<string, string[]> | undefined;

/**
 * The ids of the papers most like a paper. The whole collection's lists are computed once, the first
 * time one is asked for, in time near-linear in the number of papers (see related.ts).
 */
function relatedIds(id: string): readonly string[] {
  relatedLists ??= relatedPapers(
    digest.papers.map((paper) => ({
      id: paper.id,
      day: paper.data.day,
      text: relatedText(paper.data.title, paper.data.keywords, paper.abstract),
    })),
  );
  return relatedLists.get(id) ?? [];
}

function relatedTo(id: string): RelatedPaperLink[] {
  return relatedIds(id).map((relatedId) => {
    const related = digest.paper(relatedId) as Paper;
    return { id: related.id, titleHtml: paperRenderer.titleHtml(related), day: related.data.day };
  });
}

/** Everything a paper page shows. */
export function paperPage(id: string) {
  const paper = digest.paper(id);
  if (!paper) throw new Error(`No paper ${id}`);
  const { data } = paper;
  const abstract = paperRenderer.pageAbstract(paper);
  // Search engines and link previews want a sentence or two; the whole abstract is on the page itself.
  const description = teaser(data, () => abstract.text);
  return {
    paper,
    titleHtml: paperRenderer.titleHtml(paper),
    abstractHtml: abstract.html,
    /**
     * The document's `<title>`: the site's name follows the title in it, so it is isolated. The
     * description is one record string alone, as the JSON-LD's, and left as it is.
     */
    pageTitle: isolate(data.title),
    description,
    facts: paperFacts(data),
    topics: topicLinks(paper.topics),
    /** Digests copied as text carry no arXiv link: a title search is the reader's next step. */
    arxivSearchUrl: data.links.abs ? undefined : arxivTitleSearchUrl(data.title),
    neighbours: digest.paperNeighbours(id),
    /** schema.org JSON-LD, escaped for a `<script type="application/ld+json">` element. */
    jsonLd: scholarlyJsonLd(data, description),
    citationTags: citationTags(data),
    related: relatedTo(id),
  };
}

export type PaperPageView = ReturnType<typeof paperPage>;

/** The withdrawn page of a retracted paper, or undefined when `id` is not retracted. */
export function withdrawnPage(id: string): WithdrawnView | undefined {
  const entry = retractions.get(id);
  if (entry === undefined) return undefined;
  const { title, day } = entry.data;
  return withdrawnView(entry.data, renderTitleChecked(title).html, digest.day(day) !== undefined);
}

/** `recent.json`: the latest days' papers, which a reader's follows are matched against in the browser. */
export const recentPapersFile = () => recentPapers(digest.days, settings.forYouDays, taxonomy);

/** Every topic's id and name, in taxonomy order: the topics a reader can follow. */
export const followableTopics = () => taxonomy.map(({ id, name }) => ({ slug: id, name }));

/** The incremental build's cache keys of the pages made from records (see page-keys.ts). */
export const pageKeys = createPageKeys({
  digest,
  settings: [settings.title, settings.feedLimit, settings.topicPageSize, settings.dayPageSize],
  topicName,
  relatedIds,
});

/** Every `/papers/<id>/` page: the papers', and the withdrawn pages of retracted ones. */
export function paperPaths() {
  return [
    ...digest.papers.map((paper) => ({ params: { id: paper.id }, cacheKey: pageKeys.paper(paper.id) })),
    ...[...retractions.keys()].map((id) => ({
      params: { id },
      cacheKey: pageKeys.withdrawn(withdrawnPage(id)),
    })),
  ];
}
