/** `npm run build`'s second step: the search index of the site `astro build` just wrote to OUT_DIR. */
import { settings } from '../../settings.ts';
import { indexSite } from './pagefind-index.ts';

const { pages, ms } = await indexSite(settings.outDir);
console.log(`[paperboy:pagefind] indexed ${pages} pages in ${ms} ms`);
