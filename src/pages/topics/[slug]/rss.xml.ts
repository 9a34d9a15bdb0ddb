import { topicFeed, topicFeedPaths } from '../../../lib/site/feed-endpoints.ts';

export const getStaticPaths = topicFeedPaths;
export const GET = topicFeed('rss');
