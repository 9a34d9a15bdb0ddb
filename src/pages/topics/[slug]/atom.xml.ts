import { topicFeed, topicFeedPaths } from '../../../lib/build/feed-endpoints.ts';

export const getStaticPaths = topicFeedPaths;
export const GET = topicFeed('atom');
