import { z } from 'astro/zod';
import { ISO_DAY, isRealDay } from './day.ts';
import { PAPER_ID, TOPIC_SLUG } from './id-patterns.ts';
import { BARE_ARXIV_ID, isWindowsDeviceName } from './ids.ts';
import { describeInvisible, hasVisibleCharacter } from './text.ts';

/**
 * The single source of truth for a paper record: the content collection validates every
 * `content/papers/**.md` frontmatter with it, and the importer validates every record it writes
 * with it, so nothing the importer accepts can fail the build.
 */

/** A calendar day `YYYY-MM-DD`. YAML turns an unquoted date into a Date, so both are accepted. */
export const isoDaySchema = z.preprocess(
  (value) =>
    value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value,
  z.string().regex(ISO_DAY, 'expected a day as YYYY-MM-DD').refine(isRealDay, 'not a real calendar day'),
);

/**
 * `http://` or `https://`, then the first character of a host. URL parsers accept `https:evil.example/x`
 * and `https:/x`, which a browser resolves as a path of the page's own site; a link must name its host.
 */
const WEB_URL_START = /^https?:\/\/[^/\\?#@\s]/i;

/**
 * Whitespace, controls, backslashes, U+FFFE/U+FFFF and lone surrogates never appear in a URL as a source
 * should give it (the `u` flag reads a surrogate pair as one character, so only lone halves match).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const NOT_IN_URL = /[\s\u0000-\u001F\u007F-\u009F\\\uFFFE\uFFFF\uD800-\uDFFF]/u;

/** Whether a string is an absolute http(s) URL with a host, and nothing a browser would read otherwise. */
export function isWebUrl(value: string): boolean {
  if (!WEB_URL_START.test(value) || NOT_IN_URL.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Only http(s) URLs with a host: a `javascript:` or `data:` link from a source must never reach a page. */
export const webUrlSchema = z
  .string()
  .trim()
  .refine(isWebUrl, 'expected an absolute http(s) URL: http:// or https://, a host, and no spaces');

export const PAPER_SOURCES = ['hf', 'arxiv', 'text', 'jsonl'] as const;

export const paperLinksSchema = z
  .object({
    abs: webUrlSchema.optional(),
    pdf: webUrlSchema.optional(),
    html: webUrlSchema.optional(),
    hf: webUrlSchema.optional(),
    code: webUrlSchema.optional(),
    project: webUrlSchema.optional(),
  })
  .strict();

/** Text that shows something: not empty, and not only invisible characters (zero-width, bidi controls…). */
export const nonEmptyText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((text) => text === '' || hasVisibleCharacter(text), {
    error: (issue) => `must not be empty: ${describeInvisible(String(issue.input))}`,
  });

/** A paper id: its file name and its URL segment. */
export const paperIdSchema = z
  .string()
  .regex(PAPER_ID, 'expected letters, digits, ".", "_" or "-" (max 128)')
  .refine(
    (id) => !isWindowsDeviceName(id),
    'is a device name on Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9), which cannot be a file there',
  );

/** A bare arXiv id exactly as arXiv spells it, without version. */
export const arxivIdSchema = z
  .string()
  .regex(BARE_ARXIV_ID, 'expected a bare arXiv id like 2401.01234 or hep-th/9901001');

const topicSlug = z.string().regex(TOPIC_SLUG, 'expected a topic slug like "agents"');

export const paperSchema = z
  .object({
    /** Bare arXiv id when known (old-style `hep-th/9901001` as `hep-th_9901001`), else a title slug. */
    id: paperIdSchema,
    title: nonEmptyText,
    /** The digest day the paper first appeared on. */
    day: isoDaySchema,
    authors: z.array(nonEmptyText).default([]),
    arxiv: arxivIdSchema.optional(),
    arxivVersion: z.number().int().positive().optional(),
    /** The paper's own (arXiv) publication day. */
    published: isoDaySchema.optional(),
    links: paperLinksSchema.default({}),
    /** Topic slugs set by hand or by a source; taxonomy rules add more at build time. */
    topics: z.array(topicSlug).default([]),
    /** Topic slugs a maintainer took away from this paper: rules never file it there (site/topics.ts). */
    excludedTopics: z.array(topicSlug).default([]),
    keywords: z.array(nonEmptyText).default([]),
    /** arXiv categories, primary first. */
    categories: z.array(nonEmptyText).default([]),
    upvotes: z.number().int().nonnegative().optional(),
    githubStars: z.number().int().nonnegative().optional(),
    /** One-line TL;DR. */
    summary: nonEmptyText.optional(),
    thumbnail: webUrlSchema.optional(),
    organization: nonEmptyText.optional(),
    source: z.enum(PAPER_SOURCES),
  })
  .strict();

/** A record as stored in frontmatter (after defaults). */
export type PaperData = z.output<typeof paperSchema>;

/** A source format the importer reads. */
export type SourceFormat = (typeof PAPER_SOURCES)[number];

/** A validated record: frontmatter data plus the abstract, which is the Markdown body. */
export interface PaperRecord {
  data: PaperData;
  abstract: string;
}
