import { createHmac } from 'node:crypto';
import type { TopicData } from '../model/topic.ts';
import type { Paper } from '../site/digest.ts';
import { feedDocument, type JsonFeed, jsonFeed } from '../site/feed.ts';
import { formatDayLong } from '../site/format.ts';
import { routes } from '../site/paths.ts';
import type { PaperRenderer } from '../site/render-paper.ts';

/**
 * A day for the generic webhook: a JSON Feed 1.1 document shaped by the site's own feed code (the same
 * items, content and absolute links as `/feed.json`), with the day and topic in a `_paperboy`
 * extension, and an HMAC-SHA256 signature of the exact bytes sent when a secret is set.
 */

export type DayFeed = JsonFeed & { _paperboy: { day: string; topic?: string } };

export interface DayFeedInput {
  siteTitle: string;
  /** The site's root with the base path, ending in `/`. */
  siteRoot: string;
  day: string;
  papers: readonly Paper[];
  topic?: TopicData | undefined;
  topicName: (slug: string) => string;
  renderer: PaperRenderer;
}

export function dayFeed(input: DayFeedInput): DayFeed {
  const { topic } = input;
  const feed = jsonFeed(
    feedDocument({
      title: `${input.siteTitle}${topic ? ` · ${topic.name}` : ''}: ${formatDayLong(input.day)}`,
      description: topic ? topic.description : `The papers of ${formatDayLong(input.day)}.`,
      siteName: input.siteTitle,
      siteRoot: input.siteRoot,
      pageRoute: routes.day(input.day),
      feedRoute: (format) => (topic ? routes.topicFeed(topic.id, format) : routes.feed(format)),
      papers: input.papers,
      limit: input.papers.length,
      body: 'abstract',
      topicName: input.topicName,
      renderer: input.renderer,
    }),
  );
  return { ...feed, _paperboy: { day: input.day, ...(topic ? { topic: topic.id } : {}) } };
}

/** `sha256=<hex>`: the HMAC-SHA256 of the body with the secret, as GitHub signs its webhooks. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
