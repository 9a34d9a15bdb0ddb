import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The kinds of file a built site is made of, by their path in the output folder (the routes of
 * `site/paths.ts`), so a size can be said per page type: what the guard names when the site nears
 * GitHub Pages' limit, and what the benchmark's bytes table lists.
 */

/** Every page type, in the order tables list them; `other` holds whatever matches none. */
export const PAGE_TYPES = [
  'paper pages',
  'paper .bib files',
  'search index',
  'search UI (Pagefind)',
  'day pages',
  'home',
  'e-mail pages',
  'day .bib files',
  'topic pages',
  'topic feeds',
  'week pages',
  'month pages',
  'archive pages',
  'site feeds',
  'recent papers (For you)',
  'sitemap',
  'assets',
  'other',
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

const DAY = String.raw`\d{4}-\d{2}-\d{2}`;
const PAGE = String.raw`(?:\d+/)?index\.html`;
const FEED = String.raw`(?:rss\.xml|atom\.xml|feed\.json)`;

/** First match wins. Paths are relative to the output folder, with `/` between folders. */
const RULES: readonly [RegExp, PageType][] = [
  [/^papers\/[^/]+\/index\.html$/, 'paper pages'],
  [/^papers\/[^/]+\/cite\.bib$/, 'paper .bib files'],
  [/^pagefind\/(?:.*\/)?[^/]+\.pf_(?:meta|index|fragment|filter)$|^pagefind\/shards\.json$/, 'search index'],
  [/^pagefind\//, 'search UI (Pagefind)'],
  [new RegExp(`^days/${DAY}/${PAGE}$`), 'day pages'],
  [/^index\.html$/, 'home'],
  [new RegExp(`^days/${DAY}/email\\.html$`), 'e-mail pages'],
  [new RegExp(`^days/${DAY}/papers\\.bib$`), 'day .bib files'],
  [new RegExp(`^topics/[^/]+/${PAGE}$`), 'topic pages'],
  [new RegExp(`^topics/[^/]+/${FEED}$`), 'topic feeds'],
  [new RegExp(`^weeks/[^/]+/${PAGE}$`), 'week pages'],
  [new RegExp(`^months/[^/]+/${PAGE}$`), 'month pages'],
  [new RegExp(`^days/${PAGE}$`), 'archive pages'],
  [new RegExp(`^${FEED}$`), 'site feeds'],
  [/^recent\.json$/, 'recent papers (For you)'],
  [/^sitemap[^/]*\.xml$/, 'sitemap'],
  [/^_astro\/|^[^/]+\.(?:js|css|svg|ico|png|txt)$|^\.nojekyll$/, 'assets'],
];

/** The page type of a file, from its path relative to the output folder. */
export function pageTypeOf(path: string): PageType {
  const posix = path.split(sep).join('/');
  return RULES.find(([pattern]) => pattern.test(posix))?.[1] ?? 'other';
}

export interface SizeByType {
  type: PageType;
  files: number;
  bytes: number;
}

/** A built site's files, each with its page type and size (bytes as Pages counts them, not disk blocks). */
export function siteFiles(dir: string): { path: string; type: PageType; bytes: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const path = relative(dir, full);
      return { path, type: pageTypeOf(path), bytes: statSync(full).size };
    });
}

/** Files and bytes per page type, every type listed (empty ones with zeros), in `PAGE_TYPES` order. */
export function sizeByType(files: readonly { type: PageType; bytes: number }[]): SizeByType[] {
  const totals = new Map<PageType, SizeByType>(
    PAGE_TYPES.map((type) => [type, { type, files: 0, bytes: 0 }]),
  );
  for (const file of files) {
    const total = totals.get(file.type) as SizeByType;
    total.files += 1;
    total.bytes += file.bytes;
  }
  return [...totals.values()];
}
