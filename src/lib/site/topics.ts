/**
 * Files papers under the topics of `content/topics.yaml`. The taxonomy is compiled once per build
 * (one RegExp per rule, reused for every paper) so that filing 100,000 papers builds no RegExp.
 *
 * A topic has rules; a paper matches the topic when one of its rules matches. A rule counts its
 * phrases in the fields its `where` names (default: title, keywords and abstract, once each) and
 * matches when one field holds them at least that field's number of times: `{ title: 1, abstract: 2 }`
 * is "in the title, or twice in the abstract". A field that also holds one of the rule's `unless`
 * phrases does not count. A rule with categories also needs one of them.
 *
 * Phrase rule: a phrase matches case-insensitively (with `matchCase`, only as capitalised) as whole
 * words; its words may be joined by any run of spaces or dashes ("state-space model" = "state space
 * model"), and a phrase ending in a letter also matches with a plural `s` or `es` ("protein" →
 * "proteins"). Other inflections ("dependency" →
 * "dependencies") must be listed as phrases of their own. Keywords are searched one by one: a phrase
 * never runs from one keyword, or field, into the next.
 *
 * Category rule: an entry with a dot is one exact arXiv category (`cs.CL`); an entry without a dot is a
 * whole archive (`q-bio` matches `q-bio.BM`, `hep-th` matches `hep-th`). Compared case-insensitively.
 *
 * A record's own `topics` are always kept, and its `excludedTopics` are always removed: a maintainer's
 * correction for one paper outranks every rule.
 */
import {
  RULE_FIELDS,
  type RuleField,
  type TopicData,
  type TopicRule,
  validateFormerIds,
} from '../model/topic.ts';

/** What `topicsFor` reads from a paper record; `id` and `file` only name the paper in warnings. */
export interface PaperForTopics {
  readonly id?: string;
  readonly file?: string | undefined;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
  readonly categories: readonly string[];
  readonly topics: readonly string[];
  readonly excludedTopics?: readonly string[] | undefined;
}

/** One rule, ready to count: its phrases as one RegExp, the fields it searches and its categories. */
interface CompiledRule {
  /** The rule as the taxonomy wrote it, for explanations. */
  readonly source: TopicRule;
  /** All phrases of the rule in one global RegExp whose group 1 is the phrase as written in the text. */
  readonly phrases: RegExp | undefined;
  /** The rule's `unless` phrases, likewise. */
  readonly unless: RegExp | undefined;
  /** Each searched field with the number of matches it needs. */
  readonly where: readonly (readonly [RuleField, number])[];
  /** Lower-cased categories and archives, or empty when the rule names none. */
  readonly categories: ReadonlySet<string>;
}

/** A taxonomy ready to file papers; build it once with `compileTaxonomy`. */
export interface CompiledTaxonomy {
  /** Topic ids in taxonomy order. */
  readonly ids: readonly string[];
  readonly fallbackId: string;
  /** Position of each topic id in `ids`. */
  readonly indexById: ReadonlyMap<string, number>;
  /** Per topic (same order as `ids`), its rules; the fallback has none. */
  readonly rules: readonly (readonly CompiledRule[])[];
}

/** Letters, combining marks, digits and `_` make up words; anything else is a word boundary. */
const WORD_CHARS = '\\p{L}\\p{M}\\p{N}_';
/** Spaces and dashes between the words of a phrase are interchangeable. */
const WORD_SEPARATOR = '[\\s\\p{Pd}]+';
const SEPARATOR_RUN = new RegExp(WORD_SEPARATOR, 'u');
/** Joins keywords with a character no phrase can match across. */
const FIELD_SEPARATOR = '\n|\n';
/** `{ title: 1, keywords: 1, abstract: 1 }`: a rule without `where` counts one match anywhere. */
const ANYWHERE: readonly (readonly [RuleField, number])[] = RULE_FIELDS.map((field) => [field, 1]);

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

/** The RegExp source that finds any of `phrases` as whole words, the phrase itself as group 1. */
function phrasesSource(phrases: readonly string[]): string {
  return `(?:^|[^${WORD_CHARS}])(${phrases.map(phrasePattern).join('|')})(?![${WORD_CHARS}])`;
}

/**
 * One RegExp for all phrases of a rule. It consumes the character before the phrase instead of using
 * a lookbehind, which V8 scans about twice as fast; the phrase itself is group 1.
 */
function compilePhrases(phrases: readonly string[], matchCase: boolean): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  return new RegExp(phrasesSource(phrases), matchCase ? 'gu' : 'giu');
}

/**
 * One RegExp that tells whether a text holds any of the phrases, by the topics' phrase rule, without
 * case: a custom feed's keywords (site/query.ts) test `phraseText` with it. Not global, so `test()`
 * keeps no state between papers.
 */
export function compilePhraseTest(phrases: readonly string[]): RegExp | undefined {
  return phrases.length === 0 ? undefined : new RegExp(phrasesSource(phrases), 'iu');
}

/** The text a custom feed's keywords are tested in: title, abstract and keywords, in NFC, no phrase matching across two. */
export function phraseText(paper: { title: string; abstract: string; keywords: readonly string[] }): string {
  return [paper.title, paper.abstract, ...paper.keywords].join(FIELD_SEPARATOR).normalize('NFC');
}

/** The archive of an arXiv category: `q-bio.BM` → `q-bio`, `hep-th` → `hep-th`. */
export function archiveOf(category: string): string {
  const dot = category.indexOf('.');
  return dot === -1 ? category : category.slice(0, dot);
}

function compileRule(rule: TopicRule): CompiledRule {
  const where = rule.where
    ? RULE_FIELDS.flatMap((field) => {
        const times = rule.where?.[field];
        return times === undefined ? [] : [[field, times] as const];
      })
    : ANYWHERE;
  return {
    source: rule,
    phrases: compilePhrases(rule.phrases, rule.matchCase),
    unless: compilePhrases(rule.unless, rule.matchCase),
    where,
    categories: new Set(rule.categories.map((category) => category.toLowerCase())),
  };
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
    if (topic.fallback && topic.match.length > 0) {
      throw new Error(
        `Fallback topic "${topic.id}" must have no match rules: it only takes unmatched papers.`,
      );
    }
    if (!topic.fallback && topic.match.length === 0) {
      throw new Error(`Topic "${topic.id}" has no match rules, so no paper could match it.`);
    }
    const wordless = topic.match
      .flatMap((rule) => [...rule.phrases, ...rule.unless])
      .find((phrase) => !/[\p{L}\p{N}]/u.test(phrase));
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

/** Validates the taxonomy and precompiles its rules; call once per build. */
export function compileTaxonomy(topics: readonly TopicData[]): CompiledTaxonomy {
  validateTaxonomy(topics);
  const ids = topics.map((topic) => topic.id);
  return {
    ids,
    fallbackId: topics.find((topic) => topic.fallback)?.id ?? '',
    indexById: new Map(ids.map((id, position) => [id, position])),
    rules: topics.map((topic) => topic.match.map(compileRule)),
  };
}

/** A paper's text as the rules search it, and its categories with their archives. */
interface PaperFields {
  readonly text: Readonly<Record<RuleField, string>>;
  readonly categories: ReadonlySet<string>;
}

function paperFields(paper: PaperForTopics): PaperFields {
  const categories = new Set<string>();
  for (const category of paper.categories) {
    const key = category.toLowerCase();
    categories.add(key);
    categories.add(archiveOf(key));
  }
  return {
    text: {
      title: paper.title.normalize('NFC'),
      keywords: paper.keywords.join(FIELD_SEPARATOR).normalize('NFC'),
      abstract: paper.abstract.normalize('NFC'),
    },
    categories,
  };
}

/** The phrases of a rule found in one text, as written there, at most `limit` of them. */
function findPhrases(pattern: RegExp, text: string, limit: number): string[] {
  const found: string[] = [];
  pattern.lastIndex = 0;
  let match = found.length < limit ? pattern.exec(text) : null;
  while (match !== null) {
    found.push(match[1] as string);
    match = found.length < limit ? pattern.exec(text) : null;
  }
  return found;
}

/**
 * Why one rule matched a paper: the fields that held enough of its phrases, its categories the paper
 * has, and the `unless` phrases that cancelled other fields that held enough.
 */
export interface RuleEvidence {
  /** The rule's position in its topic's `match` list, from 1. */
  readonly rule: number;
  /** False when `unless` phrases cancelled every field that held enough. */
  readonly matched: boolean;
  readonly fields: readonly { field: RuleField; needed: number; found: readonly string[] }[];
  readonly categories: readonly string[];
  readonly stoppedBy: readonly string[];
}

/**
 * Whether one rule matches, with the evidence. `complete: false` stops at the first field that counts
 * and at each field's threshold, and gives undefined for a rule that does not match (filing papers);
 * `true` collects everything, and gives evidence for a rule that only `unless` stopped (explaining).
 */
function matchRule(
  rule: CompiledRule,
  position: number,
  fields: PaperFields,
  complete: boolean,
): RuleEvidence | undefined {
  const categories =
    rule.categories.size === 0
      ? []
      : [...rule.categories].filter((category) => fields.categories.has(category));
  if (rule.categories.size > 0 && categories.length === 0) return undefined;
  const pattern = rule.phrases;
  if (pattern === undefined)
    return { rule: position + 1, matched: true, fields: [], categories, stoppedBy: [] };
  const matched: { field: RuleField; needed: number; found: string[] }[] = [];
  const stoppedBy: string[] = [];
  for (const [field, needed] of rule.where) {
    const text = fields.text[field];
    const found = findPhrases(pattern, text, complete ? Number.POSITIVE_INFINITY : needed);
    if (found.length < needed) continue;
    // Checked only where the phrases were found: most fields fail on those, the cheaper question.
    const stop =
      rule.unless === undefined
        ? []
        : findPhrases(rule.unless, text, complete ? Number.POSITIVE_INFINITY : 1);
    if (stop.length > 0) {
      stoppedBy.push(...stop);
      continue;
    }
    matched.push({ field, needed, found });
    if (!complete) break;
  }
  if (matched.length === 0 && (stoppedBy.length === 0 || !complete)) return undefined;
  return { rule: position + 1, matched: matched.length > 0, fields: matched, categories, stoppedBy };
}

/** Positions of the taxonomy's topics named by `slugs`; `warn` hears of the slugs it does not define. */
function positionsOf(
  slugs: readonly string[],
  field: string,
  paper: PaperForTopics,
  compiled: CompiledTaxonomy,
  warn: (message: string) => void,
): number[] {
  const positions: number[] = [];
  const unknown: string[] = [];
  for (const slug of slugs) {
    const position = compiled.indexById.get(slug);
    if (position === undefined) unknown.push(`"${slug}"`);
    else positions.push(position);
  }
  if (unknown.length > 0) {
    const name = paper.file ?? `Paper "${paper.id ?? paper.title}"`;
    // One record with a stale or mistyped topic must not stop the build of the whole site.
    warn(
      `[paperboy] ${name}: unknown topic(s) ${unknown.join(', ')} in ${field} left out; ` +
        `content/topics.yaml defines: ${compiled.ids.join(', ')}.`,
    );
  }
  return positions;
}

/**
 * The topic slugs of a paper in taxonomy order: its own topics and every topic a rule gives it, less
 * its excluded topics, else the fallback. `warn` hears of slugs the taxonomy does not define.
 */
export function topicsFor(
  paper: PaperForTopics,
  compiled: CompiledTaxonomy,
  warn: (message: string) => void = console.warn,
): string[] {
  const hits = compiled.ids.map(() => false);
  for (const position of positionsOf(paper.topics, 'topics', paper, compiled, warn)) hits[position] = true;
  const excluded = positionsOf(paper.excludedTopics ?? [], 'excludedTopics', paper, compiled, warn);
  for (const position of excluded) hits[position] = true;
  const fields = paperFields(paper);
  compiled.rules.forEach((rules, position) => {
    if (!hits[position]) hits[position] = rules.some((rule, index) => matchRule(rule, index, fields, false));
  });
  for (const position of excluded) hits[position] = false;
  const slugs = compiled.ids.filter((_, position) => hits[position]);
  return slugs.length > 0 ? slugs : [compiled.fallbackId];
}

/** How a paper came to be filed under one topic, or kept out of it. */
export interface TopicExplanation {
  readonly topic: string;
  /** Whether the paper is filed under the topic in the end. */
  readonly filed: boolean;
  /** The record names the topic in `topics`. */
  readonly own: boolean;
  /** The record names the topic in `excludedTopics`, which outranks everything else. */
  readonly excluded: boolean;
  /** Every rule of the topic that matches, or would but for its `unless` phrases, with all its evidence. */
  readonly rules: readonly RuleEvidence[];
}

/**
 * Every topic that a rule (even one its `unless` phrases stopped), the record's own `topics` or its
 * `excludedTopics` names for this paper, in taxonomy order, with the evidence; the fallback when it is
 * what the paper gets. Slower than
 * `topicsFor` (it runs every rule to the end), for a maintainer's questions, not for the build.
 */
export function explainTopics(paper: PaperForTopics, compiled: CompiledTaxonomy): TopicExplanation[] {
  const ignore = () => {};
  const own = new Set(positionsOf(paper.topics, 'topics', paper, compiled, ignore));
  const excluded = new Set(
    positionsOf(paper.excludedTopics ?? [], 'excludedTopics', paper, compiled, ignore),
  );
  const fields = paperFields(paper);
  const explanations = compiled.rules.flatMap((rules, position): TopicExplanation[] => {
    const evidence = rules.flatMap((rule, index) => matchRule(rule, index, fields, true) ?? []);
    const matched = evidence.some((rule) => rule.matched);
    if (evidence.length === 0 && !own.has(position) && !excluded.has(position)) return [];
    const topic = compiled.ids[position] as string;
    const filed = (matched || own.has(position)) && !excluded.has(position);
    return [{ topic, filed, own: own.has(position), excluded: excluded.has(position), rules: evidence }];
  });
  if (explanations.some((explanation) => explanation.filed)) return explanations;
  const fallback = { topic: compiled.fallbackId, filed: true, own: false, excluded: false, rules: [] };
  return [...explanations, fallback];
}
