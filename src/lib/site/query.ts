import type { FeedQuery, QueryTerms } from '../model/feed-query.ts';
import { archiveOf, compilePhraseTest, phraseText } from './phrase.ts';

/**
 * Saved queries over papers (`content/feeds.yaml`), compiled once and then tested against each paper
 * in time linear in the paper's own fields: no RegExp is built per paper, and authors, categories and
 * topics are set look-ups. Pure, with no Node or Astro import, so that a reader's follows (keywords,
 * authors, topics) can be matched in the browser by the same rules.
 *
 * - keyword: a phrase, matched as the taxonomy's phrases are (site/topics.ts): case-insensitive whole
 *   words in the title, abstract or keywords, spaces and dashes interchangeable, an optional plural
 *   `s`/`es`.
 * - author: one of the paper's authors, the full name compared without case, accents or invisible
 *   formatting characters, with runs of spaces as one (`authorKey`).
 * - topic: one of the paper's topics (its own and those the taxonomy's rules add), by current id.
 * - category: one of the paper's arXiv categories, exactly (`cs.CL`); an entry without a dot is a whole
 *   archive (`q-bio` takes `q-bio.BM`). Case-insensitive.
 */

/** What a query reads of a paper. */
export interface QueryPaper {
  title: string;
  abstract: string;
  keywords: readonly string[];
  authors: readonly string[];
  categories: readonly string[];
  /** Current topic ids. */
  topics: readonly string[];
}

/** A paper's fields as queries test them, worked out once per paper and shared by every query. */
export interface QueryFacts {
  text: string;
  /** `authorKey` of each author. */
  authors: ReadonlySet<string>;
  /** Each category lower-cased, and its archive. */
  categories: ReadonlySet<string>;
  topics: ReadonlySet<string>;
}

/** A name as author terms compare it: no case, no accents or other marks, no invisible formatting characters, single spaces. */
export function authorKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function queryFacts(paper: QueryPaper): QueryFacts {
  const categories = new Set<string>();
  for (const category of paper.categories) {
    const key = category.toLowerCase();
    categories.add(key);
    categories.add(archiveOf(key));
  }
  return {
    text: phraseText(paper),
    authors: new Set(paper.authors.map(authorKey)),
    categories,
    topics: new Set(paper.topics),
  };
}

/** One term to test, compiled. */
type Test = (facts: QueryFacts) => boolean;

/** Tests of one section's terms, one per term. */
function termTests(terms: QueryTerms): Test[] {
  return [
    ...terms.keywords.map((phrase): Test => {
      const matcher = compilePhraseTest([phrase]) as RegExp;
      return (facts) => matcher.test(facts.text);
    }),
    ...terms.authors.map((name): Test => {
      const key = authorKey(name);
      return (facts) => facts.authors.has(key);
    }),
    ...terms.topics.map(
      (topic): Test =>
        (facts) =>
          facts.topics.has(topic),
    ),
    ...terms.categories.map((category): Test => {
      const key = category.toLowerCase();
      return (facts) => facts.categories.has(key);
    }),
  ];
}

/**
 * One test that holds when any term of a section does: its keywords joined into one RegExp (one scan
 * of the text however many there are), the rest set look-ups over the paper's own values. Undefined for
 * a section without terms.
 */
export function anyTest(terms: QueryTerms): Test | undefined {
  const phrases = compilePhraseTest(terms.keywords);
  const authors = new Set(terms.authors.map(authorKey));
  const topics = new Set(terms.topics);
  const categories = new Set(terms.categories.map((category) => category.toLowerCase()));
  if (!phrases && authors.size + topics.size + categories.size === 0) return undefined;
  const someOf = (values: ReadonlySet<string>, wanted: ReadonlySet<string>) => {
    if (wanted.size === 0) return false;
    for (const value of values) if (wanted.has(value)) return true;
    return false;
  };
  return (facts) =>
    someOf(facts.topics, topics) ||
    someOf(facts.categories, categories) ||
    someOf(facts.authors, authors) ||
    (phrases?.test(facts.text) ?? false);
}

/** A query ready to test papers; build it once with `compileQuery`. */
export type CompiledQuery = (facts: QueryFacts) => boolean;

/**
 * Compiles a query whose topic ids are current ones (site/custom-feeds.ts resolves former ids). A paper
 * matches when it has at least one term of `any` (if `any` lists any), every term of `all`, and no term
 * of `not`.
 */
export function compileQuery(query: FeedQuery): CompiledQuery {
  const any = anyTest(query.any);
  const all = termTests(query.all);
  const not = anyTest(query.not);
  return (facts) => (any?.(facts) ?? true) && all.every((test) => test(facts)) && !(not?.(facts) ?? false);
}
