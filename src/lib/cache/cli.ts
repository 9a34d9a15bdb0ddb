/**
 * Prints the code hash the build caches of this checkout live under, for a workflow's cache key:
 * `npm run --silent cache-key`, with the same settings as the build (it runs on npm's Node, as the
 * build does: the Node version is part of the hash).
 */
import { settings } from '../../settings.ts';
import { buildCaches } from './build-caches.ts';

console.log(buildCaches(settings.cacheDir, settings.root, settings.cacheKeySettings).hash);
