import { loadSettings } from '../src/settings.ts';
import { testSettings } from '../tests/test-settings.ts';

/**
 * The two sites the e2e suite tests: `npm run build:e2e` builds them and Playwright serves them, both
 * from this one description.
 */

/**
 * Settings shared by both builds: the fixture papers join the demo day, topics paginate at 10, days at
 * 20, topic feeds hold 5 papers, the two latest of the three days get e-mail pages, search has two shards.
 */
const E2E_ENV = {
  TOPIC_PAGE_SIZE: '10',
  DAY_PAGE_SIZE: '20',
  TOPIC_FEED_LIMIT: '5',
  PAPERBOY_EMAIL_DAYS: '2',
  PAPERBOY_CONTENT: 'content/papers/**/*.md,tests/fixtures/papers/**/*.md',
  // Two search shards, packed oldest first: the two fixture days before the demo day (7 papers, which
  // the demo day's 58 would take past 60), and the demo day, the newest.
  PAPERBOY_SEARCH_SHARD_SIZE: '60',
};

export interface E2eSite {
  /** The Playwright project name. */
  name: string;
  port: number;
  base: string;
  outDir: string;
  /** Settings of this build alone. */
  env?: Record<string, string>;
}

/** The base-path build offers the e-mail list, so /subscribe/ is tested with it and without it. */
export const E2E_MAIL_LIST = {
  PAPERBOY_MAIL_SUBSCRIBE: 'join@example.org',
  PAPERBOY_MAIL_FROM: 'Paperboy <digest@example.org>',
};

export const E2E_SITES: readonly E2eSite[] = [
  { name: 'base-path', port: testSettings.e2ePort, base: '/paperboy/', outDir: 'dist', env: E2E_MAIL_LIST },
  { name: 'root', port: testSettings.e2ePort + 1, base: '/', outDir: 'dist-root' },
];

/**
 * The build that checks what every page type is made of (axe's rules, headings, focus, the skip link,
 * the width at 390 px): the two builds differ in their URLs, which every check of a link, asset, feed
 * or search bundle follows on both, and in one page (`structurePageTypes`, e2e/site.ts).
 */
export const STRUCTURE_SITE = 'base-path';

/** The environment a site is built and previewed with. */
export function siteEnvironment(site: E2eSite): Record<string, string> {
  return {
    ...E2E_ENV,
    SITE_URL: `http://127.0.0.1:${site.port}`,
    BASE_PATH: site.base,
    OUT_DIR: site.outDir,
    ...site.env,
  };
}

/** The settings the e2e builds had, for limits such as the feed size and the topic page size. */
export const e2eSettings = loadSettings({ ...process.env, ...E2E_ENV });
