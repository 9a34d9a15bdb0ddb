import { getCollection, getEntry } from 'astro:content';
import type { PaginateFunction, Params, Props } from 'astro';
import { settings } from '../../settings.ts';
import { renderTitleChecked } from '../render/title.ts';
import {
  type CustomFeed,
  compileCustomFeeds,
  describeQuery,
  querySentence,
  selectCustomFeeds,
} from '../site/custom-feeds.ts';
import { buildDigest, listPage, type Paper } from '../site/digest.ts';
import { formerTopicPages, formerTopics } from '../site/former-topics.ts';
import { createPageKeys, withCacheKeys } from '../site/page-keys.ts';
import {
  type PaperCardView,
  type PaperRowView,
  paperCard,
  paperPage as paperPageView,
  paperRow,
} from '../site/paper-view.ts';
import { readTopicModel } from '../site/read-taxonomy.ts';
import { recentPapers } from '../site/recent-papers.ts';
import { relatedPapers, relatedText } from '../site/related.ts';
import { createPaperRenderer } from '../site/render-paper.ts';
import { compileTaxonomy, topicsFor } from '../site/topics.ts';
import { retractionsById, type WithdrawnView, withdrawnView, withoutRetracted } from '../site/withdrawn.ts';

/**
 * The build's one collection query, at module scope: every page reads the same derived digest, and
 * the views below are shaped from it (by site/paper-view.ts) for components, which take what they show
 * as props.
 */

const [paperEntries, topicEntries, feedEntries, retractionList] = await Promise.all([
  getCollection('papers'),
  getCollection('topics'),
  getCollection('feeds'),
  getEntry('retractions', 'all'),
]);
const taxonomy = topicEntries.map((entry) => entry.data);
// The model is not a collection: a JSON object of term weights, read whole, as the other steps read it.
const compiled = compileTaxonomy(taxonomy, readTopicModel(settings.root));
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
/** What a custom feed's query selects, in words, with topic names. */
export function customFeedQuery(entry: CustomFeed) {
  return describeQuery(entry.feed.query, topicName);
}

/** A custom feed's description: the maintainer's, else its query in a sentence. */
export function customFeedDescription(entry: CustomFeed): string {
  return entry.feed.description ?? querySentence(customFeedQuery(entry));
}

/**
 * The build's renderer of record text: one per build, so that each record it can show only as escaped
 * text is reported once, and so that what several pages show (a card's title and teaser, a feed item)
 * is rendered once.
 */
export const paperRenderer = createPaperRenderer();

const views = { renderer: paperRenderer, topicName };

/** The cards of a day's listing. */
export function paperCards(papers: readonly Paper[]): PaperCardView[] {
  return papers.map((paper) => paperCard(paper, views));
}

/** The rows of a topic's listing or a week's or month's ranking. */
export function paperRows(papers: readonly Paper[]): PaperRowView[] {
  return papers.map((paper) => paperRow(paper, paperRenderer));
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

/** Everything a paper page shows. */
export function paperPage(id: string) {
  const paper = digest.paper(id);
  if (!paper) throw new Error(`No paper ${id}`);
  return paperPageView(paper, {
    ...views,
    neighbours: digest.paperNeighbours(id),
    related: relatedIds(id).map((relatedId) => digest.paper(relatedId) as Paper),
  });
}

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
  settings: [
    settings.title,
    settings.feedLimit,
    settings.topicFeedLimit,
    settings.topicPageSize,
    settings.dayPageSize,
  ],
  topicName,
  relatedIds,
});

/**
 * The paginated paths of a listing other than a day's (a topic's or custom feed's papers, a week's or
 * month's ranking), `TOPIC_PAGE_SIZE` papers a page, each keyed by its papers, its position and the
 * listing's name and props, which are what its pages show besides the papers.
 */
export function listingPaths<ListingParams extends Params, ListingProps extends Props>(
  paginate: PaginateFunction,
  papers: readonly Paper[],
  listing: { name: string; params: ListingParams; props: ListingProps },
) {
  const { name, params, props } = listing;
  return withCacheKeys(paginate(papers, { params, props, pageSize: settings.topicPageSize }), (page) =>
    pageKeys.listingPage(name, props, page),
  );
}

/** Every `/papers/<id>/` page: the papers', and the withdrawn pages of retracted ones. */
export function paperPaths() {
  return [
    ...digest.papers.map((paper) => ({ params: { id: paper.id }, cacheKey: pageKeys.paper(paper.id) })),
    ...[...retractions.keys()].map((id) => ({
      params: { id },
      cacheKey: pageKeys.view('withdrawn', withdrawnPage(id)),
    })),
  ];
}
