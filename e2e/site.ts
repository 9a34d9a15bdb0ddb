import { readdirSync, readFileSync } from 'node:fs';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { STRUCTURE_SITE } from './builds.ts';
import { elementsIn } from './html.ts';

/**
 * What the e2e tests know about the site, read from the content folders themselves (the demo day
 * plus tests/fixtures/papers, as `npm run build:e2e` builds them), never from the code under test.
 */
const papersDirs = [
  new URL('../content/papers/', import.meta.url),
  new URL('../tests/fixtures/papers/', import.meta.url),
];

const dayDirs = (dir: URL) => readdirSync(dir).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name));

export const days = [...new Set(papersDirs.flatMap(dayDirs))].sort().reverse();
export const latestDay = days[0] as string;

/** Paths of the paper files of a day, across the content folders. */
export function paperFiles(day: string): URL[] {
  return papersDirs.flatMap((dir) =>
    dayDirs(dir).includes(day)
      ? readdirSync(new URL(`${day}/`, dir))
          .filter((name) => name.endsWith('.md'))
          .map((name) => new URL(`${day}/${name}`, dir))
      : [],
  );
}

/** Frontmatter `id` and `title` of a paper file, read with plain string matching. */
export function paperRecord(file: URL): { id: string; title: string } {
  const text = readFileSync(file, 'utf8');
  const field = (name: string) => {
    const match = text.match(new RegExp(`^${name}: (.*)$`, 'm'));
    if (!match?.[1]) throw new Error(`${file.pathname}: no ${name}`);
    const raw = match[1].trim();
    return raw.startsWith("'")
      ? raw.slice(1, -1).replace(/''/g, "'")
      : raw.startsWith('"')
        ? JSON.parse(raw)
        : raw;
  };
  return { id: field('id'), title: field('title') };
}

export const aPaper = paperRecord(paperFiles(latestDay)[0] as URL);

/** The fixture paper of the latest day with a thumbnail, upvotes, stars, an organisation and code. */
export const extrasPaper = {
  id: '2607.99201',
  day: '2026-07-30',
  title: 'A Card with Every Extra of a Hugging Face Record',
};

/** A 2:1 image, unlike the cards' 16:9 box. */
export const THUMBNAIL_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#7a9"/></svg>';

/**
 * Record thumbnails are images on other hosts, and the suite never reaches the internet (the e2e sites
 * are http://127.0.0.1): every https request gets a local image instead.
 */
export async function serveThumbnailsLocally(page: Page): Promise<void> {
  await page.route(/^https:\/\//, (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: THUMBNAIL_SVG }),
  );
}

/** The fixture paper whose every field is hostile or unusual (tests/fixtures/papers). */
export const hostilePaper = { id: '2607.99001', day: '2026-07-29' };

/**
 * The fixture tombstone of a retracted paper (tests/fixtures/papers/retracted/), whose record is gone:
 * its URL answers with a withdrawn page. Title and reason as the file gives them.
 */
export const withdrawnPaper = (() => {
  const file = new URL('../tests/fixtures/papers/retracted/2607.99301.yaml', import.meta.url);
  const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, string>;
  return {
    id: data.id as string,
    day: data.day as string,
    title: data.title as string,
    reason: data.reason as string,
  };
})();

/** The fixture day whose records attack the layout and the budgets (tests/fixtures/papers/2026-07-28). */
export const budgetDay = '2026-07-28';
/** Math that tries to leave its box: raised, sunk, kerned and overlapping formulas in title and abstract. */
export const movingMathPaper = { id: '2607.99101', day: budgetDay };
/** A record the Markdown pipeline cannot format (3,000 nested quotes, a 6 KB title formula): plain text. */
export const plainTextPaper = { id: '2607.99102', day: budgetDay };
/** A record carrying characters XML 1.0 forbids, in its title, authors, summary, links and abstract. */
export const xmlHostilePaper = { id: '2607.99103', day: budgetDay };
/** An abstract longer than the render budget: shown as plain text, shortened, with a note. */
export const longAbstractPaper = { id: '2607.99104', day: budgetDay };
/** A display formula wider than any column: it scrolls in its own box. First of its day, so it has a next paper. */
export const wideFormulaPaper = { id: '2607.99105', day: budgetDay };

/**
 * The fixture paper of the latest day with a right-to-left override (U+202E) in its title, first
 * author, TL;DR and organisation (tests/fixtures/papers/2026-07-30/2607.99202.md).
 */
export const bidiPaper = { id: '2607.99202', day: '2026-07-30', topic: 'nlp' };

/**
 * Every string of a record field (title, authors, TL;DR, organisation, keywords) in the content
 * folders that holds `char`, read from the files with the YAML parser.
 */
export function recordStringsWith(char: string): string[] {
  const strings = days.flatMap(paperFiles).flatMap((file) => {
    const frontmatter = readFileSync(file, 'utf8').split(/^---$/m)[1] ?? '';
    const data = parseYaml(frontmatter) as Record<string, unknown>;
    return [data.title, data.authors, data.summary, data.organization, data.keywords].flat();
  });
  return strings.filter((value): value is string => typeof value === 'string' && value.includes(char));
}

/**
 * The custom feeds of content/feeds.yaml and the papers each must hold, newest first (within a day, by
 * title: the demo day has no upvotes). Written by hand from the queries and the papers' text, so a
 * change to the example, the papers or the taxonomy's biology rules must update them.
 */
export const exampleFeeds = [
  {
    id: 'biological-sequences',
    title: 'Biological sequence models',
    papers: [
      'a-benchmark-dataset-for-multimodal-prediction-of-enzymatic-function-coupling-dna',
      'a-fine-tuning-dataset-and-benchmark-for-large-language-models-for-protein',
      // The learned model files it under Science for its "DNA sequences" (a mention, not its subject).
      'an-interdisciplinary-comparison-of-sequence-modeling-methods-for-next-element',
      'bidirectional-learning-for-offline-model-based-biological-sequence-design',
      'bio-xlstm-generative-modeling-representation-and-in-context-learning-of',
      'find-central-dogma-again',
      'generator-a-long-context-generative-genomic-foundation-model',
      'lora-bert-a-natural-language-processing-model-for-robust-and-accurate-prediction',
      'peptide-sequencing-via-protein-language-models',
      'prot2token-a-unified-framework-for-protein-modeling-via-next-token-prediction',
      'protst-multi-modality-learning-of-protein-sequences-and-biomedical-texts',
      'titan-t-cell-receptor-specificity-prediction-with-bimodal-attention-networks',
    ],
  },
  {
    id: 'state-space-reading-group',
    title: 'State space models, original work',
    papers: [
      'bio-xlstm-generative-modeling-representation-and-in-context-learning-of',
      'combining-recurrent-convolutional-and-continuous-time-models-with-linear-state',
      'efficiently-modeling-long-sequences-with-structured-state-spaces',
      'in-context-language-learning-architectures-and-algorithms',
    ],
  },
  {
    id: 'decoding',
    title: 'Decoding and generation',
    papers: [
      'llm-tree-search',
      'making-the-most-of-your-model-methods-for-finetuning-and-applying-pretrained',
      'rankgen-improving-text-generation-with-large-ranking-models',
      'recursive-speculative-decoding-accelerating-llm-inference-via-sampling-without',
      'the-hyperfitting-phenomenon-sharpening-and-stabilizing-llms-for-open-ended-text',
      'turning-trash-into-treasure-accelerating-inference-of-large-language-models-with',
    ],
  },
] as const;

/** The ISO week of a day (`2026-W31`), computed here rather than by the site's code. */
function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  // The Thursday of the day's week decides its year; weeks start on Monday.
  date.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** One URL of every page type, relative to the project's baseURL. */
export async function pageTypes(request: APIRequestContext): Promise<{ name: string; path: string }[]> {
  const paperPage = await (await request.get(`papers/${aPaper.id}/`)).text();
  const topicHref = linksIn(paperPage, 'http://127.0.0.1/')
    .map((link) => link.match(/\/topics\/([a-z0-9-]+)\/$/))
    .find((match) => match !== null);
  if (!topicHref) throw new Error('The paper page links to no topic');
  return [
    { name: 'home', path: '' },
    { name: 'archive', path: 'days/' },
    { name: 'day', path: `days/${latestDay}/` },
    { name: 'day, page 2', path: `days/${latestDay}/2/` },
    { name: 'paper', path: `papers/${aPaper.id}/` },
    { name: 'paper with every field', path: `papers/${hostilePaper.id}/` },
    { name: 'older day', path: `days/${hostilePaper.day}/` },
    { name: 'day of over-budget records', path: `days/${budgetDay}/` },
    { name: 'paper with moving math', path: `papers/${movingMathPaper.id}/` },
    { name: 'paper shown as plain text', path: `papers/${plainTextPaper.id}/` },
    { name: 'withdrawn paper', path: `papers/${withdrawnPaper.id}/` },
    { name: 'topics', path: 'topics/' },
    { name: 'topic', path: `topics/${topicHref[1]}/` },
    { name: 'custom feed', path: `feeds/${exampleFeeds[0].id}/` },
    { name: 'week', path: `weeks/${isoWeekOf(latestDay)}/` },
    { name: 'month', path: `months/${latestDay.slice(0, 7)}/` },
    { name: 'search', path: 'search/?q=protein' },
    { name: 'subscribe', path: 'subscribe/' },
    { name: 'for you', path: 'for-you/' },
    { name: 'saved', path: 'saved/' },
    { name: '404', path: 'no/such/page/' },
  ];
}

/** Every href/src in an HTML document, resolved against its URL. */
export function linksIn(html: string, pageUrl: string): string[] {
  return elementsIn(html)
    .flatMap(({ attributes }) => [attributes.href, attributes.src])
    .filter((url): url is string => url !== undefined && url !== '')
    .map((url) => new URL(url, pageUrl).href);
}

/** Where a page's "next page" link leads (`<a rel="next">`), resolved against its URL. */
export function nextPageOf(html: string, pageUrl: string): string | undefined {
  const href = elementsIn(html).find(({ name, attributes }) => name === 'a' && attributes.rel === 'next')
    ?.attributes.href;
  return href ? new URL(href, pageUrl).href : undefined;
}

/** Pages the two builds make differently beyond their URLs: only the base-path build offers the e-mail list. */
const PAGES_THAT_DIFFER_BY_BUILD = new Set(['subscribe']);

/**
 * The page types that a check of what pages are made of (axe's rules, headings, focus, the skip link,
 * the width at 390 px) visits on this build: every one on `STRUCTURE_SITE` (e2e/builds.ts), and on the
 * other build only the pages it makes differently, so those checks do not run the same pages twice.
 */
export async function structurePageTypes(
  request: APIRequestContext,
  testInfo: TestInfo,
): Promise<{ name: string; path: string }[]> {
  const all = await pageTypes(request);
  return testInfo.project.name === STRUCTURE_SITE
    ? all
    : all.filter(({ name }) => PAGES_THAT_DIFFER_BY_BUILD.has(name));
}
