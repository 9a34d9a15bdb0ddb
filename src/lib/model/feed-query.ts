import { z } from 'astro/zod';
import jsYaml from 'js-yaml';
import { TOPIC_SLUG } from './id-patterns.ts';
import { FIELD_LIMITS } from './limits.ts';

/**
 * `content/feeds.yaml`: the custom feeds a maintainer defines, each a saved query over the papers'
 * keywords, authors, topics and arXiv categories. The matching rules are in site/query.ts; the README's
 * "Custom feeds" section is the maintainer's documentation of both.
 */

/** The four kinds of term a query section may list, in the order pages describe them. */
export const QUERY_FIELDS = ['keywords', 'authors', 'topics', 'categories'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** The three sections of a query: at least one term of `any`, every term of `all`, no term of `not`. */
export const QUERY_SECTIONS = ['any', 'all', 'not'] as const;
export type QuerySection = (typeof QUERY_SECTIONS)[number];

/** The most terms one list may hold: far above any sensible feed, far below what could slow a build. */
export const MAX_TERMS = 200;

/** The YAML type of a value, as a maintainer would name it. */
function kindOf(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** The message for a value that should be text: a missing field, or a value YAML read as something else. */
const AS_TEXT = (issue: { input?: unknown }) =>
  issue.input === undefined
    ? 'missing'
    : 'expected text (put it in quotes if YAML reads it as a number, a date, true/false or null)';

/** A trimmed, non-empty, single line of text of at most `max` characters. */
function line(max: number) {
  return z
    .string({ error: AS_TEXT })
    .trim()
    .min(1, { error: 'must not be empty', abort: true })
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !/[\n\r]/.test(text), 'must be one line');
}

/** A list of terms, none twice. */
function terms<T extends z.ZodType<string>>(term: T, what: string) {
  return z
    .array(term, { error: `expected a list of ${what} ([a, b] or one "- item" per line)` })
    .max(MAX_TERMS, `at most ${MAX_TERMS} ${what} per list`)
    .default([]);
}

/** An arXiv category (`cs.CL`, `physics.bio-ph`) or a whole archive (`q-bio`, `hep-th`). */
const ARXIV_CATEGORY = /^[A-Za-z]+(?:-[A-Za-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;

/** Messages for a mapping that is missing, not a mapping, or has a field it does not know. */
const mappingOf =
  (fields: readonly string[]) => (issue: { code?: string; keys?: string[]; input?: unknown }) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue.keys ?? []).map((key) => `"${key}"`).join(', ');
      return `unknown field${issue.keys?.length === 1 ? '' : 's'} ${keys}; expected ${fields.join(', ')}`;
    }
    if (issue.code === 'invalid_type')
      return issue.input === undefined
        ? 'missing'
        : `expected a mapping of ${fields.join(', ')}, got ${kindOf(issue.input)}`;
    return undefined;
  };

/** One section of a query (`any`, `all` or `not`): lists of terms by kind. */
export const queryTermsSchema = z.strictObject(
  {
    /** Words or phrases, matched like the topics' phrases (site/topics.ts). */
    keywords: terms(
      line(FIELD_LIMITS.keyword).refine(
        (phrase) => /[\p{L}\p{N}]/u.test(phrase),
        'must contain a letter or digit',
      ),
      'keywords',
    ),
    /** Full names, compared without case, accents or invisible formatting characters. */
    authors: terms(line(FIELD_LIMITS.author), 'authors'),
    /** Topic ids of `content/topics.yaml`; a former id resolves to its successor. */
    topics: terms(
      z.string({ error: AS_TEXT }).trim().regex(TOPIC_SLUG, 'expected a topic id like "language-tasks"'),
      'topic ids',
    ),
    /** arXiv categories (`cs.CL`) or whole archives (`q-bio`). */
    categories: terms(
      z
        .string({ error: AS_TEXT })
        .trim()
        .max(FIELD_LIMITS.category, `must be at most ${FIELD_LIMITS.category} characters`)
        .regex(ARXIV_CATEGORY, 'expected an arXiv category like "cs.CL" or an archive like "q-bio"'),
      'categories',
    ),
  },
  { error: mappingOf(QUERY_FIELDS) },
);

export type QueryTerms = z.output<typeof queryTermsSchema>;

const EMPTY_TERMS: QueryTerms = { keywords: [], authors: [], topics: [], categories: [] };

const termCount = (section: QueryTerms) =>
  QUERY_FIELDS.reduce((sum, field) => sum + section[field].length, 0);

/** A saved query: a paper matches when it has a term of `any` (if `any` lists one), all of `all`, none of `not`. */
export const feedQuerySchema = z
  .strictObject(
    {
      any: queryTermsSchema.default(EMPTY_TERMS),
      all: queryTermsSchema.default(EMPTY_TERMS),
      not: queryTermsSchema.default(EMPTY_TERMS),
    },
    { error: mappingOf(QUERY_SECTIONS) },
  )
  .refine((query) => termCount(query.any) + termCount(query.all) > 0, {
    error: 'needs at least one term under `any` or `all`: `not` alone would select nearly every paper',
    // A misspelt list already has its message; that it then looks empty would only add noise.
    when: ({ issues }) => issues.length === 0,
  });

export type FeedQuery = z.output<typeof feedQuerySchema>;

/** One entry of `content/feeds.yaml`. */
export const feedSchema = z.strictObject(
  {
    /** The feed's URL: `/feeds/<id>/`. */
    id: z
      .string({ error: AS_TEXT })
      .max(64, 'must be at most 64 characters')
      .regex(
        TOPIC_SLUG,
        'expected a slug of lower-case letters, digits and single dashes, like "reading-group"',
      ),
    title: line(200),
    description: line(1_000).optional(),
    query: feedQuerySchema,
  },
  { error: mappingOf(['id', 'title', 'description', 'query']) },
);

export type FeedDefinition = z.output<typeof feedSchema>;

/**
 * A feed as the content layer stores it: with its position in the file, since Astro's data store
 * orders a collection's entries by id and the file's order is the order pages list the feeds in.
 */
export const storedFeedSchema = z.strictObject({
  position: z.number().int().nonnegative(),
  feed: feedSchema,
});

/** `query.any.keywords[2]`: where in an entry a problem is. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * Reads the text of a feeds file: a YAML list of feed entries. An empty file (or one of only comments)
 * defines no feeds. Throws one Error naming the file, and for each problem the entry (by position and
 * id) and the field, so a maintainer fixes every mistake from one build.
 */
export function parseFeedsFile(text: string, fileName: string): FeedDefinition[] {
  let data: unknown;
  try {
    data = jsYaml.load(text, { filename: fileName });
  } catch (error) {
    throw new Error(`${fileName}: not valid YAML: ${(error as Error).message}`);
  }
  if (data === undefined || data === null) return [];
  if (!Array.isArray(data))
    throw new Error(
      `${fileName}: expected a list of feeds (each starting with "- id: …"), got ${kindOf(data)}`,
    );

  const problems: string[] = [];
  const feeds: FeedDefinition[] = [];
  const positions = new Map<string, number>();
  data.forEach((entry: unknown, index) => {
    const rawId = (entry as { id?: unknown } | null)?.id;
    const name = `feed ${index + 1}${typeof rawId === 'string' ? ` ("${rawId}")` : ''}`;
    const parsed = feedSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(
          issue.path.length > 0
            ? `${name}: ${fieldPath(issue.path)}: ${issue.message}`
            : `${name}: ${issue.message}`,
        );
      return;
    }
    const earlier = positions.get(parsed.data.id);
    if (earlier !== undefined) {
      problems.push(`${name}: feed ${earlier} has the same id; each feed needs its own (it is its URL)`);
      return;
    }
    positions.set(parsed.data.id, index + 1);
    feeds.push(parsed.data);
  });
  if (problems.length > 0) throw new Error(`${fileName}:\n  ${problems.join('\n  ')}`);
  return feeds;
}
