import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { digest, topicName } from '../../../lib/site/build-data.ts';
import { feedOptions } from '../../../lib/site/feed.ts';
import { routes } from '../../../lib/site/paths.ts';
import { siteWithBase } from '../../../lib/site/url.ts';
import { settings } from '../../../settings.ts';

export const getStaticPaths = (() =>
  digest.topics.map(({ topic }) => ({ params: { slug: topic.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const entry = digest.topic(String(params.slug));
  if (!entry) return new Response('Unknown topic', { status: 404 });
  return rss(
    feedOptions({
      title: `${settings.title}: ${entry.topic.name}`,
      description: entry.topic.description,
      siteRoot: siteWithBase(),
      pageRoute: routes.topic(entry.topic.id),
      selfRoute: routes.topicFeed(entry.topic.id),
      papers: entry.papers,
      limit: settings.feedLimit,
      topicName,
    }),
  );
};
