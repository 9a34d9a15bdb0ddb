import type { APIRoute, GetStaticPaths } from 'astro';
import { settings } from '../../settings.ts';
import {
  type FeedInput,
  feedDocument,
  feedResponse,
  type MovedFeedInput,
  movedFeedDocument,
} from '../site/feed.ts';
import { type FeedFormat, routes } from '../site/paths.ts';
import { siteWithBase } from '../site/url.ts';
import { customFeedDescription, customFeeds, digest, pageKeys, paperRenderer, topicName } from './data.ts';

/** The site's feeds, each topic's and each custom feed's, bound to this build: each endpoint file names only its format. */

function feedInput(
  fields: Pick<FeedInput, 'title' | 'description' | 'pageRoute' | 'feedRoute' | 'papers' | 'limit' | 'body'>,
): FeedInput {
  return {
    ...fields,
    siteName: settings.title,
    siteRoot: siteWithBase(),
    topicName,
    renderer: paperRenderer,
  };
}

/** The feed of every paper, newest first. */
export function siteFeed(format: FeedFormat): APIRoute {
  return () =>
    feedResponse(
      format,
      feedDocument(
        feedInput({
          title: settings.title,
          description: settings.description,
          pageRoute: routes.home(),
          feedRoute: routes.feed,
          papers: digest.papers,
          limit: settings.feedLimit,
          body: 'abstract',
        }),
      ),
    );
}

/** A feed's input and its cache key: the facts it states and the records of the papers it carries. */
function keyedFeed(name: string, input: FeedInput): { input: FeedInput; cacheKey: string } {
  const { title, description, pageRoute, limit, body } = input;
  const facts = { title, description, pageRoute, limit, body };
  return { input, cacheKey: pageKeys.feed(name, facts, input.papers.slice(0, limit)) };
}

type TopicEntry = (typeof digest.topics)[number];

/** What the feed at a topic's slug is: its papers, or at one of its former ids the notice that it moved. */
function topicFeedAt({ topic, papers }: TopicEntry, slug: string) {
  if (topic.id !== slug) {
    const moved: MovedFeedInput = {
      formerId: slug,
      successor: topic,
      siteName: settings.title,
      siteRoot: siteWithBase(),
      day: papers[0]?.data.day ?? '1970-01-01',
    };
    const { formerId, successor, day } = moved;
    return { moved, cacheKey: pageKeys.view('moved feed', [formerId, successor.id, successor.name, day]) };
  }
  return keyedFeed(
    `topic ${topic.id}`,
    feedInput({
      title: `${settings.title}: ${topic.name}`,
      description: topic.description,
      pageRoute: routes.topic(topic.id),
      feedRoute: (feedFormat) => routes.topicFeed(topic.id, feedFormat),
      papers,
      limit: settings.topicFeedLimit,
      body: 'teaser',
    }),
  );
}

/**
 * One feed per topic at `topics/<slug>/<file>`, and one at each of its former ids (a notice that it
 * moved), each with its cache key, so that a rebuild copies the feeds no new paper reached.
 */
export const topicFeedPaths = (() =>
  digest.topics.flatMap((entry) =>
    [entry.topic.id, ...entry.topic.formerIds.map((former) => former.id)].map((slug) => {
      const feed = topicFeedAt(entry, slug);
      return { params: { slug }, props: { feed }, cacheKey: feed.cacheKey };
    }),
  )) satisfies GetStaticPaths;

/** The feed of one topic's papers, newest first; at a former id, one item that leads to its feeds. */
export function topicFeed(format: FeedFormat): APIRoute {
  return ({ props }) => {
    const { feed } = props as { feed: ReturnType<typeof topicFeedAt> };
    return feedResponse(format, 'moved' in feed ? movedFeedDocument(feed.moved) : feedDocument(feed.input));
  };
}

/** What a custom feed of content/feeds.yaml carries. */
function customFeedAt(entry: (typeof customFeeds)[number]) {
  const { feed } = entry;
  return keyedFeed(
    `feed ${feed.id}`,
    feedInput({
      title: `${settings.title}: ${feed.title}`,
      description: customFeedDescription(entry),
      pageRoute: routes.customFeed(feed.id),
      feedRoute: (feedFormat) => routes.customFeedFile(feed.id, feedFormat),
      papers: entry.papers,
      limit: settings.feedLimit,
      body: 'abstract',
    }),
  );
}

/** One feed per custom feed of content/feeds.yaml, at `feeds/<id>/<file>`, each with its cache key. */
export const customFeedPaths = (() =>
  customFeeds.map((entry) => {
    const feed = customFeedAt(entry);
    return { params: { id: entry.feed.id }, props: { feed }, cacheKey: feed.cacheKey };
  })) satisfies GetStaticPaths;

/** The feed of the papers one saved query selects, newest first. */
export function customFeedEndpoint(format: FeedFormat): APIRoute {
  return ({ props }) => {
    const { feed } = props as { feed: ReturnType<typeof customFeedAt> };
    return feedResponse(format, feedDocument(feed.input));
  };
}
