import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteConfig } from '../../../config.ts';
import { digest, topicName } from '../../../lib/content.ts';
import { feedOptions } from '../../../lib/feed.ts';
import { routes } from '../../../lib/paths.ts';
import { siteWithBase } from '../../../lib/url.ts';

export const getStaticPaths = (() =>
  digest.topics.map(({ topic }) => ({ params: { slug: topic.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const entry = digest.topic(String(params.slug));
  if (!entry) return new Response('Unknown topic', { status: 404 });
  return rss(
    feedOptions({
      title: `${siteConfig.title}: ${entry.topic.name}`,
      description: entry.topic.description,
      siteRoot: siteWithBase(),
      pageRoute: routes.topic(entry.topic.id),
      selfRoute: routes.topicFeed(entry.topic.id),
      papers: entry.papers,
      limit: siteConfig.feedLimit,
      topicName,
    }),
  );
};
