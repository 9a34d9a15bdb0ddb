import { siteFeed } from '../lib/build/feed-endpoints.ts';

export const GET = siteFeed('json');
