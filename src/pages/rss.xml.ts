import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteConfig } from '../config.ts';
import { digest, topicName } from '../lib/content.ts';
import { feedOptions } from '../lib/feed.ts';
import { routes } from '../lib/paths.ts';
import { siteWithBase } from '../lib/url.ts';

export const GET: APIRoute = () =>
  rss(
    feedOptions({
      title: siteConfig.title,
      description: siteConfig.description,
      siteRoot: siteWithBase(),
      pageRoute: routes.home(),
      selfRoute: routes.feed(),
      papers: digest.papers,
      limit: siteConfig.feedLimit,
      topicName,
    }),
  );
