/**
 * Every internal href goes through here, so a site deployed under a sub-path
 * (`https://USER.github.io/REPO/`) never loses its base. Routes are relative (no leading
 * slash) and always end in `/` or a file name, matching `trailingSlash: 'always'`.
 */

/** Ensures exactly one trailing slash. */
export function ensureTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/** Joins a route onto a base path (`/` or `/repo/`); `route` may or may not start with `/`. */
export function pathWithBase(route: string, base: string): string {
  const prefix = ensureTrailingSlash(base.startsWith('/') ? base : `/${base}`);
  return prefix + route.replace(/^\/+/, '');
}

/** The absolute URL of a route: site origin + base + route. */
export function absoluteUrl(route: string, site: string | URL, base: string): string {
  return new URL(pathWithBase(route, base), site).href;
}

/** The site's root URL including the base path, with a trailing slash (what @astrojs/rss wants as `site`). */
export function siteRoot(site: string | URL, base: string): string {
  return absoluteUrl('', site, base);
}

/**
 * The formats every feed is written in: its file name (in the site's root and in each topic's folder),
 * the media type a `<link rel="alternate">` announces, and the name readers know it by.
 */
export const feedFormats = {
  rss: { file: 'rss.xml', type: 'application/rss+xml', label: 'RSS' },
  atom: { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  json: { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
} as const;
export type FeedFormat = keyof typeof feedFormats;
/** The formats in the order pages list them. */
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** One feed in each of its formats, with the route of each: what `<link rel="alternate">` and lists show. */
export function feedVariants(routeOf: (format: FeedFormat) => string) {
  return FEED_FORMATS.map((format) => ({ format, ...feedFormats[format], route: routeOf(format) }));
}

/** Relative routes of every page type. */
export const routes = {
  home: () => '',
  days: (page = 1) => (page > 1 ? `days/${page}/` : 'days/'),
  day: (day: string, page = 1) => (page > 1 ? `days/${day}/${page}/` : `days/${day}/`),
  dayBibtex: (day: string) => `days/${day}/papers.bib`,
  dayEmail: (day: string) => `days/${day}/email.html`,
  paper: (id: string) => `papers/${encodeURIComponent(id)}/`,
  topics: () => 'topics/',
  topic: (slug: string, page = 1) => (page > 1 ? `topics/${slug}/${page}/` : `topics/${slug}/`),
  topicFeed: (slug: string, format: FeedFormat = 'rss') => `topics/${slug}/${feedFormats[format].file}`,
  /** A custom feed's page: the papers its saved query selects (content/feeds.yaml). */
  customFeed: (id: string, page = 1) => (page > 1 ? `feeds/${id}/${page}/` : `feeds/${id}/`),
  customFeedFile: (id: string, format: FeedFormat = 'rss') => `feeds/${id}/${feedFormats[format].file}`,
  /** `2026-W31`: an ISO week's ranking. */
  week: (week: string, page = 1) => (page > 1 ? `weeks/${week}/${page}/` : `weeks/${week}/`),
  /** `2026-07`: a month's ranking. */
  month: (month: string, page = 1) => (page > 1 ? `months/${month}/${page}/` : `months/${month}/`),
  feed: (format: FeedFormat = 'rss') => feedFormats[format].file,
  search: () => 'search/',
  /** The papers of the latest days that match a reader's follows, matched in their browser. */
  forYou: () => 'for-you/',
  /** A reader's reading list, kept in their browser. */
  saved: () => 'saved/',
  /** What the browser matches follows against: the latest days' papers (site/recent-papers.ts). */
  recentPapers: () => 'recent.json',
  subscribe: () => 'subscribe/',
  pagefindBundle: () => 'pagefind/',
  /** An older search index shard (the newest is `pagefindBundle`), and the list of all of them. */
  pagefindShard: (id: string) => `pagefind/${id}/`,
  searchShards: () => 'pagefind/shards.json',
} as const;

/** Pages that show what a reader keeps in their own browser: `noindex`, and left out of the sitemap. */
export const PERSONAL_ROUTES = [routes.forYou(), routes.saved()] as const;

export function personalSitemapFilter(basePath: string): (page: string) => boolean {
  const personal = new Set(PERSONAL_ROUTES.map((route) => pathWithBase(route, basePath)));
  return (page) => !personal.has(new URL(page).pathname);
}
