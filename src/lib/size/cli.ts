/**
 * The built site's size against GitHub Pages' limit: `npm run build`'s last step says it (and warns
 * when the site is near or over it); `npm run check:size` (`--strict`) also exits 1 when it is over, so
 * the deploy workflow stops before uploading a site Pages would refuse. `--limit BYTES` sets another
 * limit (another host's, or a test's).
 */
import { parseArgs } from 'node:util';
import { settings } from '../../settings.ts';
import { PAGES_LIMIT_BYTES, sizeVerdict } from './guard.ts';
import { siteFiles, sizeByType } from './page-types.ts';

const { values } = parseArgs({
  options: { strict: { type: 'boolean', default: false }, limit: { type: 'string' } },
});
const limit = values.limit === undefined ? PAGES_LIMIT_BYTES : Number(values.limit);
if (!Number.isInteger(limit) || limit < 1) {
  console.error(`[paperboy:size] --limit must be a whole number of bytes, got "${values.limit}"`);
  process.exit(2);
}
const strict = values.strict;
const verdict = sizeVerdict(sizeByType(siteFiles(settings.outDir)), limit);
if (verdict.level === 'ok') console.log(`[paperboy:size] ${verdict.message}`);
else console.warn(`[paperboy:size] ${verdict.level === 'over' ? 'error' : 'warning'}: ${verdict.message}`);
if (strict && verdict.level === 'over') process.exit(1);
