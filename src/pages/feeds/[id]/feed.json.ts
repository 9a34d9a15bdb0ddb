import { customFeedEndpoint, customFeedPaths } from '../../../lib/build/feed-endpoints.ts';

export const getStaticPaths = customFeedPaths;
export const GET = customFeedEndpoint('json');
