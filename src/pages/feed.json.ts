import { siteFeed } from '../lib/site/feed-endpoints.ts';

export const GET = siteFeed('json');
