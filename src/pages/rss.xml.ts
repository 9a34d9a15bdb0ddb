import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { digest, topicName } from '../lib/site/build-data.ts';
import { feedOptions } from '../lib/site/feed.ts';
import { routes } from '../lib/site/paths.ts';
import { siteWithBase } from '../lib/site/url.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = () =>
  rss(
    feedOptions({
      title: settings.title,
      description: settings.description,
      siteRoot: siteWithBase(),
      pageRoute: routes.home(),
      selfRoute: routes.feed(),
      papers: digest.papers,
      limit: settings.feedLimit,
      topicName,
    }),
  );
