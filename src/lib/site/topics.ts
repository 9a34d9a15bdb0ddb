/**
 * Files papers under the topics of `content/topics.yaml`. The taxonomy is compiled once per build
 * (one RegExp per topic, one Map for categories) so that filing 100,000 papers builds no RegExp.
 *
 * Phrase rule: a phrase matches case-insensitively as whole words in the title, abstract or keywords;
 * its words may be joined by any run of spaces or dashes ("state-space model" = "state space model"),
 * and a phrase ending in a letter also matches with a plural `s` or `es` ("protein" → "proteins").
 * Other inflections ("dependency" → "dependencies") must be listed as phrases of their own.
 *
 * Category rule: an entry with a dot is one exact arXiv category (`cs.CL`); an entry without a dot is a
 * whole archive (`q-bio` matches `q-bio.BM`, `hep-th` matches `hep-th`). Compared case-insensitively.
 */
import { type TopicData, validateFormerIds } from '../model/topic.ts';

/** What `topicsFor` reads from a paper record; `id` and `file` only name the paper in warnings. */
export interface PaperForTopics {
  readonly id?: string;
  readonly file?: string | undefined;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
  readonly categories: readonly string[];
  readonly topics: readonly string[];
}

/** A taxonomy ready to file papers; build it once with `compileTaxonomy`. */
export interface CompiledTaxonomy {
  /** Topic ids in taxonomy order. */
  readonly ids: readonly string[];
  readonly fallbackId: string;
  /** Position of each topic id in `ids`. */
  readonly indexById: ReadonlyMap<string, number>;
  /** Per topic (same order as `ids`), its phrase matcher, or undefined when it has no phrases. */
  readonly phraseMatchers: readonly (RegExp | undefined)[];
  /** Lower-cased category or archive → positions of the topics whose rules name it. */
  readonly topicsByCategory: ReadonlyMap<string, readonly number[]>;
}

/** Letters, combining marks, digits and `_` make up words; anything else is a word boundary. */
const WORD_CHARS = '\\p{L}\\p{M}\\p{N}_';
/** Spaces and dashes between the words of a phrase are interchangeable. */
const WORD_SEPARATOR = '[\\s\\p{Pd}]+';
const SEPARATOR_RUN = new RegExp(WORD_SEPARATOR, 'u');
/** Joins title, abstract and keywords with a character no phrase can match across. */
const FIELD_SEPARATOR = '\n|\n';

/** Escapes RegExp metacharacters so a phrase like `C++` or `k-NN (v2)` matches literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The RegExp source of one phrase: its words joined by any spaces/dashes, plus an optional plural. */
function phrasePattern(phrase: string): string {
  const words = phrase.normalize('NFC').split(SEPARATOR_RUN).filter(Boolean);
  const plural = /\p{L}$/u.test(words.at(-1) ?? '') ? '(?:e?s)?' : '';
  return words.map(escapeRegExp).join(WORD_SEPARATOR) + plural;
}

/**
 * One RegExp for all phrases of a topic. It consumes the character before the phrase instead of
 * using a lookbehind, which V8 scans about twice as fast; `test()` does not need match positions.
 */
function compilePhrases(phrases: readonly string[]): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  const alternatives = phrases.map(phrasePattern).join('|');
  return new RegExp(`(?:^|[^${WORD_CHARS}])(?:${alternatives})(?![${WORD_CHARS}])`, 'iu');
}

/** The archive of an arXiv category: `q-bio.BM` → `q-bio`, `hep-th` → `hep-th`. */
function archiveOf(category: string): string {
  const dot = category.indexOf('.');
  return dot === -1 ? category : category.slice(0, dot);
}

/**
 * Throws unless the taxonomy has unique ids, one fallback topic, usable rules everywhere else, and
 * former ids that each lead to exactly one current topic.
 */
function validateTaxonomy(topics: readonly TopicData[]): void {
  const seen = new Set<string>();
  for (const topic of topics) {
    if (seen.has(topic.id)) throw new Error(`Topic "${topic.id}" is defined more than once in the taxonomy.`);
    seen.add(topic.id);
    const ruleCount = topic.match.phrases.length + topic.match.categories.length;
    if (topic.fallback && ruleCount > 0) {
      throw new Error(
        `Fallback topic "${topic.id}" must have no match rules: it only takes unmatched papers.`,
      );
    }
    if (!topic.fallback && ruleCount === 0) {
      throw new Error(`Topic "${topic.id}" has no match phrases or categories, so no paper could match it.`);
    }
    const wordless = topic.match.phrases.find((phrase) => !/[\p{L}\p{N}]/u.test(phrase));
    if (wordless !== undefined) {
      throw new Error(`Topic "${topic.id}" has the phrase "${wordless}", which contains no letter or digit.`);
    }
  }
  const fallbacks = topics.filter((topic) => topic.fallback).map((topic) => topic.id);
  if (fallbacks.length !== 1) {
    const found = fallbacks.length === 0 ? 'none' : fallbacks.map((id) => `"${id}"`).join(', ');
    throw new Error(`The taxonomy needs exactly one topic with \`fallback: true\`; found ${found}.`);
  }
  validateFormerIds(topics);
}

/** Maps each lower-cased category or archive to the positions of the topics that name it. */
function indexCategories(topics: readonly TopicData[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  topics.forEach((topic, position) => {
    for (const category of topic.match.categories) {
      const key = category.toLowerCase();
      index.set(key, [...(index.get(key) ?? []), position]);
    }
  });
  return index;
}

/** Validates the taxonomy and precompiles its rules; call once per build. */
export function compileTaxonomy(topics: readonly TopicData[]): CompiledTaxonomy {
  validateTaxonomy(topics);
  const ids = topics.map((topic) => topic.id);
  return {
    ids,
    fallbackId: topics.find((topic) => topic.fallback)?.id ?? '',
    indexById: new Map(ids.map((id, position) => [id, position])),
    phraseMatchers: topics.map((topic) => compilePhrases(topic.match.phrases)),
    topicsByCategory: indexCategories(topics),
  };
}

/**
 * Marks the topics a paper set itself. An unknown slug is left out with a warning naming the paper's
 * file: one record with a stale or mistyped topic must not stop the build of the whole site.
 */
function markOwnTopics(
  paper: PaperForTopics,
  compiled: CompiledTaxonomy,
  hits: boolean[],
  warn: (message: string) => void,
): void {
  const unknown: string[] = [];
  for (const slug of paper.topics) {
    const position = compiled.indexById.get(slug);
    if (position === undefined) unknown.push(`"${slug}"`);
    else hits[position] = true;
  }
  if (unknown.length > 0) {
    const name = paper.file ?? `Paper "${paper.id ?? paper.title}"`;
    warn(
      `[paperboy] ${name}: unknown topic(s) ${unknown.join(', ')} left out; ` +
        `content/topics.yaml defines: ${compiled.ids.join(', ')}.`,
    );
  }
}

/** Marks the topics whose category rules name one of the paper's categories or their archives. */
function markCategoryTopics(
  categories: readonly string[],
  compiled: CompiledTaxonomy,
  hits: boolean[],
): void {
  for (const category of categories) {
    const key = category.toLowerCase();
    const positions = [
      ...(compiled.topicsByCategory.get(key) ?? []),
      ...(compiled.topicsByCategory.get(archiveOf(key)) ?? []),
    ];
    for (const position of positions) hits[position] = true;
  }
}

/** Marks the topics whose phrases occur in the paper's text, skipping topics already marked. */
function markPhraseTopics(paper: PaperForTopics, compiled: CompiledTaxonomy, hits: boolean[]): void {
  const text = [paper.title, paper.abstract, ...paper.keywords].join(FIELD_SEPARATOR).normalize('NFC');
  compiled.phraseMatchers.forEach((matcher, position) => {
    if (!hits[position] && matcher?.test(text)) hits[position] = true;
  });
}

/**
 * The topic slugs of a paper in taxonomy order: its own topics (those the taxonomy defines; `warn`
 * hears of the others) and every matching topic, else the fallback.
 */
export function topicsFor(
  paper: PaperForTopics,
  compiled: CompiledTaxonomy,
  warn: (message: string) => void = console.warn,
): string[] {
  const hits = compiled.ids.map(() => false);
  markOwnTopics(paper, compiled, hits, warn);
  markCategoryTopics(paper.categories, compiled, hits);
  markPhraseTopics(paper, compiled, hits);
  const slugs = compiled.ids.filter((_, position) => hits[position]);
  return slugs.length > 0 ? slugs : [compiled.fallbackId];
}
