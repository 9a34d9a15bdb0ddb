import { readPositiveInteger } from './lib/env.ts';

/** Site-wide settings; the numbers are what keeps pages and feeds small as the archive grows. */
export const siteConfig = {
  title: 'Paperboy',
  description:
    'A daily digest of research papers: abstracts, code links and topics, searchable without a server.',
  /** Items in `/rss.xml` and in each topic feed. */
  feedLimit: readPositiveInteger(process.env, 'FEED_LIMIT', 50),
  /** Papers per topic page. */
  topicPageSize: readPositiveInteger(process.env, 'TOPIC_PAGE_SIZE', 20),
  /** Days per archive page. */
  archivePageSize: 120,
};
