import type { SizeByType } from './page-types.ts';

/**
 * GitHub Pages publishes a site of at most 1 GB, and `actions/deploy-pages` only warns above it, so a
 * digest that outgrows it would break unnoticed. The build states the site's size against the limit,
 * and warns from 90 % on; `npm run check:size` fails the deploy before an oversized site is uploaded.
 */

/** GitHub Pages' limit on a published site: 1 GB, counted here in bytes of the files themselves. */
export const PAGES_LIMIT_BYTES = 1_000_000_000;
/** How near the limit a site may come before the build warns. */
export const WARN_SHARE = 0.9;

export interface SizeVerdict {
  level: 'ok' | 'near' | 'over';
  totalBytes: number;
  message: string;
}

/** `1.23 GB`, `456.7 MB`: decimal units, as GitHub states its limit. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(2).replace(/\.00$/, '')} GB`
    : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The site's size against the limit, naming the three largest page types when it is near or over. */
export function sizeVerdict(types: readonly SizeByType[], limitBytes = PAGES_LIMIT_BYTES): SizeVerdict {
  const totalBytes = types.reduce((sum, type) => sum + type.bytes, 0);
  const share = totalBytes / limitBytes;
  const level = totalBytes > limitBytes ? 'over' : share >= WARN_SHARE ? 'near' : 'ok';
  const size = `${formatBytes(totalBytes)} (${Math.round(share * 100)} % of GitHub Pages' ${formatBytes(limitBytes)} limit)`;
  if (level === 'ok') return { level, totalBytes, message: `the site is ${size}` };
  const largest = [...types]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((type) => `${type.type} ${formatBytes(type.bytes)} (${type.files.toLocaleString('en')} files)`)
    .join(', ');
  const state =
    level === 'over' ? 'over the limit: GitHub Pages will not publish it' : 'within 10 % of the limit';
  return { level, totalBytes, message: `the site is ${size}, ${state}. Largest: ${largest}` };
}
