import type { APIRoute, GetStaticPaths } from 'astro';
import { settings } from '../../settings.ts';
import { type FeedInput, feedDocument, feedResponse, movedFeedDocument } from '../site/feed.ts';
import { type FeedFormat, routes } from '../site/paths.ts';
import { siteWithBase } from '../site/url.ts';
import {
  customFeed,
  customFeedDescription,
  customFeeds,
  digest,
  paperRenderer,
  resolveTopic,
  topicName,
} from './data.ts';

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

/** One feed per topic at `topics/<slug>/<file>`, and one at each of its former ids (a notice that it moved). */
export const topicFeedPaths = (() =>
  digest.topics.flatMap(({ topic }) =>
    [topic.id, ...topic.formerIds.map((former) => former.id)].map((slug) => ({ params: { slug } })),
  )) satisfies GetStaticPaths;

/** The feed of one topic's papers, newest first; at a former id, one item that leads to its feeds. */
export function topicFeed(format: FeedFormat): APIRoute {
  return ({ params }) => {
    const slug = String(params.slug);
    const entry = digest.topic(resolveTopic(slug)?.id ?? '');
    if (!entry) return new Response('Unknown topic', { status: 404 });
    const { topic, papers } = entry;
    if (topic.id !== slug)
      return feedResponse(
        format,
        movedFeedDocument({
          formerId: slug,
          successor: topic,
          siteName: settings.title,
          siteRoot: siteWithBase(),
          day: papers[0]?.data.day ?? '1970-01-01',
        }),
      );
    return feedResponse(
      format,
      feedDocument(
        feedInput({
          title: `${settings.title}: ${topic.name}`,
          description: topic.description,
          pageRoute: routes.topic(topic.id),
          feedRoute: (feedFormat) => routes.topicFeed(topic.id, feedFormat),
          papers,
          limit: settings.topicFeedLimit,
          body: 'teaser',
        }),
      ),
    );
  };
}

/** One feed per custom feed of content/feeds.yaml, at `feeds/<id>/<file>`. */
export const customFeedPaths = (() =>
  customFeeds.map(({ feed }) => ({ params: { id: feed.id } }))) satisfies GetStaticPaths;

/** The feed of the papers one saved query selects, newest first. */
export function customFeedEndpoint(format: FeedFormat): APIRoute {
  return ({ params }) => {
    const entry = customFeed(String(params.id));
    if (!entry) return new Response('Unknown feed', { status: 404 });
    const { feed } = entry;
    return feedResponse(
      format,
      feedDocument(
        feedInput({
          title: `${settings.title}: ${feed.title}`,
          description: customFeedDescription(entry),
          pageRoute: routes.customFeed(feed.id),
          feedRoute: (feedFormat) => routes.customFeedFile(feed.id, feedFormat),
          papers: entry.papers,
          limit: settings.feedLimit,
          body: 'abstract',
        }),
      ),
    );
  };
}
