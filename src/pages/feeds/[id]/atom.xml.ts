import { customFeedEndpoint, customFeedPaths } from '../../../lib/site/feed-endpoints.ts';

export const getStaticPaths = customFeedPaths;
export const GET = customFeedEndpoint('atom');
