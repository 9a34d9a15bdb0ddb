/**
 * Files papers under the topics of `content/topics.yaml`. The taxonomy is compiled once per build into
 * an index from a phrase's first word to the phrases that start with it; filing a paper splits each of
 * its fields into words once and looks every word up, so its cost grows with the length of the paper,
 * not with the number of rules or phrases, and it builds no RegExp.
 *
 * A topic has rules; a paper matches the topic when one of its rules matches. A rule counts its
 * phrases in the fields its `where` names (default: title, keywords and abstract, once each) and
 * matches when one field holds them at least that field's number of times: `{ title: 1, abstract: 2 }`
 * is "in the title, or twice in the abstract". Occurrences of one rule's phrases do not overlap. A
 * field that also holds one of the rule's `unless` phrases does not count. A rule with categories also
 * needs one of them.
 *
 * Phrase rule: a phrase matches case-insensitively (with `matchCase`, only as capitalised) as whole
 * words; its words may be joined by any run of spaces or dashes ("state-space model" = "state space
 * model"), and a phrase ending in a letter also matches with a plural `s` or `es` ("protein" →
 * "proteins"). Other inflections ("dependency" → "dependencies") must be listed as phrases of their
 * own. Words are runs of letters, marks, digits and `_`, compared in NFC. A phrase with other
 * characters inside a word (`C++`, `(S4)`) is matched literally by a RegExp of its rule, compiled once.
 * Keywords are searched one by one: a phrase never runs from one keyword, or field, into the next.
 *
 * Category rule: an entry with a dot is one exact arXiv category (`cs.CL`); an entry without a dot is a
 * whole archive (`q-bio` matches `q-bio.BM`, `hep-th` matches `hep-th`). Compared case-insensitively.
 *
 * Evidence strength: a rule marked `weak` (a generic word counted in the abstract, such as "speedup"
 * three times) is weak evidence. A topic that only weak rules match is filed only when no other topic of
 * the paper has strong evidence (a rule that is not weak matches it, or the record names it in
 * `topics`): it fills in for a paper nothing else describes, but does not pile neighbouring topics onto
 * a paper whose title already says what it is about. `explainTopics` names the topics that outranked it.
 *
 * Contribution rule: a rule with `after` phrases counts its phrases only where one of them ends at most
 * `within` words before (default 8) in the same sentence, a sentence ending at `.`, `!`, `?` or `;` before
 * a space: `[benchmark]` after `[we introduce]` counts "we introduce X-Bench, a benchmark", not "results
 * on a benchmark". The scan remembers, per rule, where the last `after` phrase ended; it stays linear.
 *
 * A record's own `topics` are always kept, and its `excludedTopics` are always removed: a maintainer's
 * correction for one paper outranks every rule (an excluded topic outranks nothing).
 *
 * Last resort: with `lastResort: { mentions: N }` on the fallback, a paper that would be filed only
 * there goes to the topic whose phrases (any of its rules', without `where`, `after`, `unless` or
 * categories) occur most often in its title, keywords and abstract together, every topic tied at the
 * most, when that is at least N; not a topic the record excludes or that says `lastResort: false`. The
 * same scan counts them, per topic without overlap, so it stays linear; `explainTopics` quotes them.
 */
import {
  DEFAULT_AFTER_WITHIN,
  RULE_FIELDS,
  type RuleField,
  type TopicData,
  type TopicRule,
  validateFormerIds,
} from '../model/topic.ts';
import type { TopicModelData } from '../model/topic-model.ts';
import {
  archiveOf,
  FIELD_SEPARATOR,
  LAST_LETTER,
  phrasesSource,
  phraseWords,
  WORD_CHARS,
  WORD_SEPARATOR,
} from './phrase.ts';
import {
  type CompiledTopicModel,
  compileTopicModel,
  probabilityOf,
  strongestTerms,
  type TermContribution,
  topicProbabilities,
  topicScores,
} from './topic-model.ts';

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

/** What an indexed phrase is to its rule: one of its phrases, an `unless` phrase, or an `after` phrase. */
type Role = 'phrase' | 'unless' | 'after';
const ROLES: readonly Role[] = ['phrase', 'unless', 'after'];

/** A phrase of words: found through the word index. */
interface IndexedPhrase {
  /** Its words, lower-cased unless the rule matches case. */
  readonly words: readonly string[];
  /** Whether the last word may take a plural `s` or `es`. */
  readonly plural: boolean;
  /** The rule's position in `CompiledTaxonomy.rules`. */
  readonly rule: number;
  readonly role: Role;
}

/** One rule, ready to count. */
interface CompiledRule {
  /** The rule as the taxonomy wrote it, for explanations. */
  readonly source: TopicRule;
  /** Its position in its topic's `match` list, from 1. */
  readonly number: number;
  /** Each searched field with the number of matches it needs. */
  readonly where: readonly (readonly [RuleField, number])[];
  /** Lower-cased categories and archives, or empty when the rule names none. */
  readonly categories: ReadonlySet<string>;
  /** Phrases with characters other than word characters, spaces and dashes, in one RegExp (group 1). */
  readonly literalPhrases: RegExp | undefined;
  /** `unless` phrases likewise. */
  readonly literalUnless: RegExp | undefined;
  /** With `after` phrases: the most words between the end of one and a phrase that counts; else undefined. */
  readonly within: number | undefined;
}

/** A taxonomy ready to file papers; build it once with `compileTaxonomy`. */
export interface CompiledTaxonomy {
  /** Topic ids in taxonomy order. */
  readonly ids: readonly string[];
  readonly fallbackId: string;
  /** Position of each topic id in `ids`. */
  readonly indexById: ReadonlyMap<string, number>;
  /** Every rule of every topic. */
  readonly rules: readonly CompiledRule[];
  /** Per topic (same order as `ids`), the positions of its rules in `rules`; the fallback has none. */
  readonly rulesOfTopic: readonly (readonly number[])[];
  /** A phrase's first word, lower-cased → the case-insensitive phrases starting with it. */
  readonly byFirstWord: ReadonlyMap<string, PhrasesStartingWith>;
  /** A phrase's first word as written → the phrases of `matchCase` rules starting with it. */
  readonly byFirstWordCased: ReadonlyMap<string, PhrasesStartingWith>;
  /** Per rule (same order as `rules`), the position of its topic in `ids`. */
  readonly topicOfRule: readonly number[];
  /**
   * The fallback's last resort: the fewest mentions that file a paper no rule files, and per topic
   * whether it may be given so (not the fallback, not `lastResort: false`); undefined without one.
   */
  readonly lastResort: { readonly mentions: number; readonly eligible: readonly boolean[] } | undefined;
  /** The learned model's second opinion (`content/topic-model.json`), or undefined for the rules alone. */
  readonly model: CompiledTopicModel | undefined;
}

/** A learned topic model and the file it came from, for `compileTaxonomy`. */
export interface TopicModelSource {
  readonly data: TopicModelData;
  readonly file: string;
}

/** The phrases that start with one word: those of one word, and the longer ones by their second word. */
interface PhrasesStartingWith {
  readonly single: IndexedPhrase[];
  readonly bySecondWord: Map<string, IndexedPhrase[]>;
}

const WORD = new RegExp(`[${WORD_CHARS}]+`, 'gu');
const ONE_WORD = new RegExp(`^[${WORD_CHARS}]+$`, 'u');
const ONLY_SEPARATORS = new RegExp(`^${WORD_SEPARATOR}$`, 'u');
/** `{ title: 1, keywords: 1, abstract: 1 }`: a rule without `where` counts one match anywhere. */
const ANYWHERE: readonly (readonly [RuleField, number])[] = RULE_FIELDS.map((field) => [field, 1]);
const FIELD_COUNT = RULE_FIELDS.length;
/** Ends a sentence between two words: `.`, `!`, `?` or `;` before a space (not "1.5B" or "e.g.x"). */
const SENTENCE_END = /[.!?;]\s/u;

/** One RegExp for the literal phrases of a rule; it consumes the character before the phrase (faster than a lookbehind). */
function compileLiteral(phrases: readonly string[], matchCase: boolean): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  return new RegExp(phrasesSource(phrases), matchCase ? 'gu' : 'giu');
}

/** Whether a phrase is only words (matched through the index), rather than literal characters. */
function isWordPhrase(phrase: string): boolean {
  return phraseWords(phrase).every((word) => ONE_WORD.test(word));
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
    if (topic.fallback && topic.lastResort === false) {
      throw new Error(
        `Fallback topic "${topic.id}" has \`lastResort: false\`: on the fallback, \`lastResort\` sets the minimum \`mentions\`; leave it out for none.`,
      );
    }
    if (!topic.fallback && topic.lastResort !== undefined && topic.lastResort !== false) {
      throw new Error(
        `Topic "${topic.id}" sets \`lastResort: { mentions: … }\`, which belongs on the fallback topic; another topic may only say \`lastResort: false\`.`,
      );
    }
    if (!topic.fallback && topic.match.length === 0) {
      throw new Error(`Topic "${topic.id}" has no match rules, so no paper could match it.`);
    }
    const wordless = topic.match
      .flatMap((rule) => [...rule.phrases, ...rule.unless, ...(rule.after ?? [])])
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

function addToIndex(index: Map<string, PhrasesStartingWith>, phrase: IndexedPhrase): void {
  const first = phrase.words[0] as string;
  let entry = index.get(first);
  if (entry === undefined) {
    entry = { single: [], bySecondWord: new Map() };
    index.set(first, entry);
  }
  if (phrase.words.length === 1) {
    entry.single.push(phrase);
    return;
  }
  const second = phrase.words[1] as string;
  const list = entry.bySecondWord.get(second);
  if (list) list.push(phrase);
  else entry.bySecondWord.set(second, [phrase]);
}

/**
 * Validates the taxonomy and precompiles its rules, and the learned model when there is one (it must
 * know only the taxonomy's topics); call once per build.
 */
export function compileTaxonomy(topics: readonly TopicData[], model?: TopicModelSource): CompiledTaxonomy {
  validateTaxonomy(topics);
  const ids = topics.map((topic) => topic.id);
  const fallbackId = topics.find((topic) => topic.fallback)?.id ?? '';
  const rules: CompiledRule[] = [];
  const rulesOfTopic: number[][] = [];
  const byFirstWord = new Map<string, PhrasesStartingWith>();
  const byFirstWordCased = new Map<string, PhrasesStartingWith>();
  const topicOfRule: number[] = [];
  for (const topic of topics) {
    const positions: number[] = [];
    topic.match.forEach((source, order) => {
      const rule = rules.length;
      positions.push(rule);
      topicOfRule.push(rulesOfTopic.length);
      const index = source.matchCase ? byFirstWordCased : byFirstWord;
      const literal = { phrases: [] as string[], unless: [] as string[] };
      const byRole = { phrase: source.phrases, unless: source.unless, after: source.after ?? [] };
      for (const role of ROLES) {
        for (const phrase of byRole[role]) {
          if (!isWordPhrase(phrase)) {
            if (role === 'after' || (role === 'phrase' && source.after !== undefined)) {
              throw new Error(
                `Topic "${topic.id}", rule ${order + 1}: "${phrase}" is not a phrase of words; a rule with \`after\` needs words only.`,
              );
            }
            (role === 'unless' ? literal.unless : literal.phrases).push(phrase);
            continue;
          }
          const words = phraseWords(phrase).map((word) => (source.matchCase ? word : word.toLowerCase()));
          addToIndex(index, { words, plural: LAST_LETTER.test(words.at(-1) as string), rule, role });
        }
      }
      rules.push({
        source,
        number: order + 1,
        where: source.where
          ? RULE_FIELDS.flatMap((field) => {
              const times = source.where?.[field];
              return times === undefined ? [] : [[field, times] as const];
            })
          : ANYWHERE,
        categories: new Set(source.categories.map((category) => category.toLowerCase())),
        literalPhrases: compileLiteral(literal.phrases, source.matchCase),
        literalUnless: compileLiteral(literal.unless, source.matchCase),
        within: source.after === undefined ? undefined : (source.within ?? DEFAULT_AFTER_WITHIN),
      });
    });
    rulesOfTopic.push(positions);
  }
  return {
    ids,
    fallbackId,
    indexById: new Map(ids.map((id, position) => [id, position])),
    rules,
    rulesOfTopic,
    byFirstWord,
    byFirstWordCased,
    topicOfRule,
    lastResort: compileLastResort(topics),
    model: model && compileTopicModel(model.data, ids, fallbackId, model.file),
  };
}

/** The fallback's `lastResort`, with the topics it may give. */
function compileLastResort(topics: readonly TopicData[]): CompiledTaxonomy['lastResort'] {
  const setting = topics.find((topic) => topic.fallback)?.lastResort;
  if (setting === undefined || setting === false) return undefined;
  return {
    mentions: setting.mentions,
    eligible: topics.map((topic) => !topic.fallback && topic.lastResort !== false),
  };
}

/**
 * A word of a field: where it is, as written and lower-cased, whether only spaces/dashes follow before
 * the next word, and the number of its sentence in the field.
 */
interface Token {
  readonly start: number;
  readonly end: number;
  readonly exact: string;
  readonly lower: string;
  joined: boolean;
  sentence: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    tokens.push({
      start: match.index,
      end: match.index + match[0].length,
      exact: match[0],
      lower: match[0].toLowerCase(),
      joined: false,
      sentence: 0,
    });
  }
  for (let index = 0; index + 1 < tokens.length; index++) {
    const token = tokens[index] as Token;
    const next = tokens[index + 1] as Token;
    const between = text.slice(token.end, next.start);
    token.joined = ONLY_SEPARATORS.test(between);
    next.sentence = token.sentence + (SENTENCE_END.test(between) ? 1 : 0);
  }
  return tokens;
}

/** The token after the phrase when `phrase` starts at token `at`, else -1. */
function phraseEnd(tokens: readonly Token[], at: number, phrase: IndexedPhrase, cased: boolean): number {
  const { words } = phrase;
  if (at + words.length > tokens.length) return -1;
  for (let offset = 0; offset < words.length; offset++) {
    const token = tokens[at + offset] as Token;
    if (offset > 0 && !(tokens[at + offset - 1] as Token).joined) return -1;
    const word = cased ? token.exact : token.lower;
    const want = words[offset] as string;
    if (word === want) continue;
    const last = offset === words.length - 1;
    if (last && phrase.plural && (word === `${want}s` || word === `${want}es`)) continue;
    return -1;
  }
  return at + words.length;
}

/** What scanning a paper's fields found, per rule and field. */
interface Scan {
  /** Occurrences of each rule's phrases: `[rule * FIELD_COUNT + field]`. */
  readonly counts: Int32Array;
  /** Whether a field holds one of the rule's `unless` phrases, same layout. */
  readonly stopped: Uint8Array;
  /** With `collect`: the phrases as written in the text, same layout. */
  readonly found?: string[][];
  readonly stoppedBy?: string[][];
  /**
   * With a last resort: occurrences of each topic's phrases, any rule's, `[topic * FIELD_COUNT + field]`;
   * a topic's occurrences do not overlap. Empty without one.
   */
  readonly mentions: Int32Array;
  /** With `collect`: those occurrences as written, same layout. */
  readonly mentioned?: string[][];
}

/**
 * Where one field's scan stands, per rule: `free[2 * rule]` (its phrases) and `free[2 * rule + 1]` (its
 * `unless` phrases) hold the first word a new occurrence may start at, since one rule's occurrences do
 * not overlap; `afterStart` and `afterEnd` hold the first word and the word after the last `after`
 * phrase found, or -1.
 */
interface FieldState {
  readonly free: Int32Array;
  /** Per topic, with a last resort: the first word a new mention of it may start at. */
  readonly topicFree: Int32Array;
  readonly afterStart: Int32Array;
  readonly afterEnd: Int32Array;
}

/** Whether a phrase of a rule with `after` phrases, starting at word `at`, follows one closely enough. */
function follows(
  rule: CompiledRule,
  number: number,
  tokens: readonly Token[],
  at: number,
  state: FieldState,
) {
  const end = state.afterEnd[number] as number;
  return (
    end !== -1 &&
    at - end <= (rule.within as number) &&
    (tokens[end - 1] as Token).sentence === (tokens[at] as Token).sentence
  );
}

/** Where a scan of one field stands: its text and words, the word it is at, and what it matches against. */
interface PhraseScan {
  text: string;
  tokens: readonly Token[];
  at: number;
  cased: boolean;
  field: number;
  compiled: CompiledTaxonomy;
}

/** Counts the phrases of an index that start at one word, `key` being that word or it without a plural ending. */
function scanPhrasesAt(
  phrases: readonly IndexedPhrase[] | undefined,
  context: PhraseScan,
  state: FieldState,
  scan: Scan,
): void {
  if (phrases === undefined) return;
  const { text, tokens, at, cased, field, compiled } = context;
  const { free, afterStart, afterEnd } = state;
  for (const phrase of phrases) {
    if (phrase.role === 'after') {
      const end = phraseEnd(tokens, at, phrase, cased);
      if (end === -1) continue;
      afterStart[phrase.rule] = at;
      afterEnd[phrase.rule] = end;
      continue;
    }
    if (phrase.role === 'phrase' && compiled.lastResort !== undefined) mention(phrase, context, state, scan);
    const freeSlot = phrase.role === 'unless' ? 2 * phrase.rule + 1 : 2 * phrase.rule;
    if (at < (free[freeSlot] as number)) continue;
    const end = phraseEnd(tokens, at, phrase, cased);
    if (end === -1) continue;
    const rule = compiled.rules[phrase.rule] as CompiledRule;
    const after = phrase.role === 'phrase' && rule.within !== undefined;
    if (after && !follows(rule, phrase.rule, tokens, at, state)) continue;
    free[freeSlot] = end;
    const slot = phrase.rule * FIELD_COUNT + field;
    // An explanation quotes a contribution from its `after` phrase on: "we introduce X-Bench, a benchmark".
    const from = after ? (afterStart[phrase.rule] as number) : at;
    const written = scan.found && text.slice((tokens[from] as Token).start, (tokens[end - 1] as Token).end);
    if (phrase.role === 'unless') {
      scan.stopped[slot] = 1;
      if (written) scan.stoppedBy?.[slot]?.push(written);
    } else {
      scan.counts[slot] = (scan.counts[slot] as number) + 1;
      if (written) scan.found?.[slot]?.push(written);
    }
  }
}

/** Counts a phrase starting at `at` as a mention of its rule's topic, for the last resort. */
function mention(phrase: IndexedPhrase, context: PhraseScan, state: FieldState, scan: Scan): void {
  const { text, tokens, at, cased, field, compiled } = context;
  const topic = compiled.topicOfRule[phrase.rule] as number;
  if (at < (state.topicFree[topic] as number)) return;
  const end = phraseEnd(tokens, at, phrase, cased);
  if (end === -1) return;
  state.topicFree[topic] = end;
  const slot = topic * FIELD_COUNT + field;
  scan.mentions[slot] = (scan.mentions[slot] as number) + 1;
  scan.mentioned?.[slot]?.push(text.slice((tokens[at] as Token).start, (tokens[end - 1] as Token).end));
}

/** A word and the word without a plural `s` or `es`: the first words a phrase ending here may have. */
function withoutPlural(word: string, use: (key: string) => void): void {
  use(word);
  if (word.endsWith('s')) use(word.slice(0, -1));
  if (word.endsWith('es')) use(word.slice(0, -2));
}

/**
 * Counts every rule's phrases in one field. Each word is looked up in the index: the phrases of one
 * word under it as written and without a plural ending; the longer ones under it as written and the
 * next word (with or without a plural ending). Each candidate's own check then decides.
 */
function scanField(text: string, field: number, compiled: CompiledTaxonomy, scan: Scan): void {
  const tokens = tokenize(text);
  const state: FieldState = {
    free: new Int32Array(2 * compiled.rules.length),
    topicFree: new Int32Array(compiled.lastResort === undefined ? 0 : compiled.ids.length),
    afterStart: new Int32Array(compiled.rules.length).fill(-1),
    afterEnd: new Int32Array(compiled.rules.length).fill(-1),
  };
  const indexes = [
    [compiled.byFirstWord, false],
    [compiled.byFirstWordCased, true],
  ] as const;
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at] as Token;
    const next = token.joined ? tokens[at + 1] : undefined;
    for (const [index, cased] of indexes) {
      if (index.size === 0) continue;
      const context = { text, tokens, at, cased, field, compiled };
      withoutPlural(cased ? token.exact : token.lower, (key) => {
        scanPhrasesAt(index.get(key)?.single, context, state, scan);
      });
      const longer = next && index.get(cased ? token.exact : token.lower)?.bySecondWord;
      if (longer && longer.size > 0) {
        withoutPlural(cased ? next.exact : next.lower, (key) => {
          scanPhrasesAt(longer.get(key), context, state, scan);
        });
      }
    }
  }
}

/** Adds the occurrences of the rules' literal phrases (`C++`): few rules have any. */
function scanLiterals(texts: readonly string[], compiled: CompiledTaxonomy, scan: Scan): void {
  compiled.rules.forEach((rule, position) => {
    for (const [pattern, unless] of [
      [rule.literalPhrases, false],
      [rule.literalUnless, true],
    ] as const) {
      if (pattern === undefined) continue;
      texts.forEach((text, field) => {
        const slot = position * FIELD_COUNT + field;
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
          if (unless) {
            scan.stopped[slot] = 1;
            scan.stoppedBy?.[slot]?.push(match[1] as string);
          } else {
            scan.counts[slot] = (scan.counts[slot] as number) + 1;
            scan.found?.[slot]?.push(match[1] as string);
            if (compiled.lastResort === undefined) continue;
            const topicSlot = (compiled.topicOfRule[position] as number) * FIELD_COUNT + field;
            scan.mentions[topicSlot] = (scan.mentions[topicSlot] as number) + 1;
            scan.mentioned?.[topicSlot]?.push(match[1] as string);
          }
        }
      });
    }
  });
}

/** A paper's text as the rules search it (title, keywords, abstract), and its categories with their archives. */
interface PaperFields {
  readonly texts: readonly string[];
  readonly categories: ReadonlySet<string>;
}

function paperFields(paper: PaperForTopics): PaperFields {
  const categories = new Set<string>();
  for (const category of paper.categories) {
    const key = category.toLowerCase();
    categories.add(key);
    categories.add(archiveOf(key));
  }
  const byField: Record<RuleField, string> = {
    title: paper.title,
    keywords: paper.keywords.join(FIELD_SEPARATOR),
    abstract: paper.abstract,
  };
  return { texts: RULE_FIELDS.map((field) => byField[field].normalize('NFC')), categories };
}

function scanPaper(fields: PaperFields, compiled: CompiledTaxonomy, collect: boolean): Scan {
  const slots = compiled.rules.length * FIELD_COUNT;
  const topicSlots = compiled.lastResort === undefined ? 0 : compiled.ids.length * FIELD_COUNT;
  const lists = (length: number) => Array.from({ length }, (): string[] => []);
  const scan: Scan = {
    counts: new Int32Array(slots),
    stopped: new Uint8Array(slots),
    mentions: new Int32Array(topicSlots),
    ...(collect ? { found: lists(slots), stoppedBy: lists(slots), mentioned: lists(topicSlots) } : {}),
  };
  fields.texts.forEach((text, field) => {
    scanField(text, field, compiled, scan);
  });
  scanLiterals(fields.texts, compiled, scan);
  return scan;
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

/** Whether one rule matches, given what the scan counted. */
function ruleMatches(position: number, fields: PaperFields, compiled: CompiledTaxonomy, scan: Scan): boolean {
  const rule = compiled.rules[position] as CompiledRule;
  if (rule.categories.size > 0 && ![...rule.categories].some((category) => fields.categories.has(category))) {
    return false;
  }
  if (rule.source.phrases.length === 0) return true;
  return rule.where.some(([field, needed]) => {
    const slot = position * FIELD_COUNT + RULE_FIELDS.indexOf(field);
    return (scan.counts[slot] as number) >= needed && scan.stopped[slot] === 0;
  });
}

/** The evidence for one rule from a collecting scan; undefined when it neither matches nor was stopped. */
function ruleEvidence(
  position: number,
  fields: PaperFields,
  compiled: CompiledTaxonomy,
  scan: Scan,
): RuleEvidence | undefined {
  const rule = compiled.rules[position] as CompiledRule;
  const categories = [...rule.categories].filter((category) => fields.categories.has(category));
  if (rule.categories.size > 0 && categories.length === 0) return undefined;
  if (rule.source.phrases.length === 0) {
    return { rule: rule.number, matched: true, fields: [], categories, stoppedBy: [] };
  }
  const matched: { field: RuleField; needed: number; found: string[] }[] = [];
  const stoppedBy: string[] = [];
  for (const [field, needed] of rule.where) {
    const slot = position * FIELD_COUNT + RULE_FIELDS.indexOf(field);
    const found = scan.found?.[slot] ?? [];
    if (found.length < needed) continue;
    if (scan.stopped[slot] === 1) for (const phrase of scan.stoppedBy?.[slot] ?? []) stoppedBy.push(phrase);
    else matched.push({ field, needed, found });
  }
  if (matched.length === 0 && stoppedBy.length === 0) return undefined;
  return { rule: rule.number, matched: matched.length > 0, fields: matched, categories, stoppedBy };
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
  const own = positionsOf(paper.topics, 'topics', paper, compiled, warn);
  const excluded = positionsOf(paper.excludedTopics ?? [], 'excludedTopics', paper, compiled, warn);
  const fields = paperFields(paper);
  const scan = scanPaper(fields, compiled, false);
  const evidence = topicEvidence(
    own,
    excluded,
    (rule) => ruleMatches(rule, fields, compiled, scan),
    compiled,
  );
  const strong = evidence.includes(STRONG);
  let filed = compiled.ids.flatMap((_, position) =>
    evidence[position] === STRONG || (!strong && evidence[position] === WEAK) ? [position] : [],
  );
  if (filed.length === 0) filed = lastResortTopics(excluded, compiled, scan);
  if (compiled.model !== undefined)
    filed = withModel(filed, own, excluded, topicProbabilities(compiled.model, paper), compiled.model);
  return filed.length > 0 ? filed.map((position) => compiled.ids[position] as string) : [compiled.fallbackId];
}

/**
 * The model's second opinion on the topics the rules filed: a topic whose probability reaches `addAt`
 * is added, and one the rules gave whose probability is at most `dropAt` is removed, in taxonomy order. The
 * record's own topics stay and its excluded ones stay out, whatever the scores. A paper the rules filed
 * keeps a topic: when the model would remove every one, the one it scores highest stays, rather than
 * leaving the paper in the fallback.
 */
function withModel(
  filed: readonly number[],
  own: readonly number[],
  excluded: readonly number[],
  probabilities: Float64Array,
  model: CompiledTopicModel,
): number[] {
  const kept = new Set(filed);
  probabilities.forEach((probability, position) => {
    if (probability >= model.addAt) kept.add(position);
    else if (probability <= model.dropAt && !own.includes(position)) kept.delete(position);
  });
  for (const position of excluded) kept.delete(position);
  if (kept.size === 0 && filed.length > 0) {
    const best = filed.reduce((a, b) =>
      (probabilities[b] as number) > (probabilities[a] as number) ? b : a,
    );
    kept.add(best);
  }
  return [...kept].sort((a, b) => a - b);
}

/** A topic's mentions in all three fields together. */
function mentionsOf(position: number, scan: Scan): number {
  let total = 0;
  for (let field = 0; field < FIELD_COUNT; field++)
    total += scan.mentions[position * FIELD_COUNT + field] as number;
  return total;
}

/**
 * For a paper no rule files: the topics the last resort gives it, in taxonomy order. Those the paper
 * mentions most (every one tied), when that is at least the last resort's `mentions`; not a topic the
 * record excludes or that opted out. None without a last resort.
 */
function lastResortTopics(excluded: readonly number[], compiled: CompiledTaxonomy, scan: Scan): number[] {
  const setting = compiled.lastResort;
  if (setting === undefined) return [];
  const skip = new Set(excluded);
  let best = 0;
  let topics: number[] = [];
  compiled.ids.forEach((_, position) => {
    if (!setting.eligible[position] || skip.has(position)) return;
    const mentions = mentionsOf(position, scan);
    if (mentions < setting.mentions || mentions < best) return;
    if (mentions > best) topics = [];
    best = mentions;
    topics.push(position);
  });
  return topics;
}

const NONE = 0;
const WEAK = 1;
const STRONG = 2;
type Evidence = typeof NONE | typeof WEAK | typeof STRONG;

/**
 * Per topic (same order as `ids`), the strongest evidence for it: STRONG when the record names it in
 * `topics` or a rule that is not `weak` matches, WEAK when only weak rules match, NONE otherwise or when
 * the record excludes it. Weak rules are tried only for a topic no strong rule matched.
 */
function topicEvidence(
  own: readonly number[],
  excluded: readonly number[],
  matches: (rule: number) => boolean,
  compiled: CompiledTaxonomy,
): Evidence[] {
  const evidence: Evidence[] = compiled.ids.map(() => NONE);
  for (const position of own) evidence[position] = STRONG;
  for (const position of excluded) evidence[position] = STRONG;
  compiled.rulesOfTopic.forEach((rules, position) => {
    if (evidence[position] === STRONG) return;
    const isWeak = (rule: number) => (compiled.rules[rule] as CompiledRule).source.weak;
    if (rules.some((rule) => !isWeak(rule) && matches(rule))) evidence[position] = STRONG;
    else if (rules.some((rule) => isWeak(rule) && matches(rule))) evidence[position] = WEAK;
  });
  for (const position of excluded) evidence[position] = NONE;
  return evidence;
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
  /**
   * When only `weak` rules match the topic: the topics with strong evidence that keep it from being
   * filed (empty when none does, or when the topic has strong evidence of its own).
   */
  readonly outrankedBy: readonly string[];
  /**
   * When the topic is filed by the fallback's last resort (no rule filed the paper anywhere): its
   * phrases found in each field, any rule's, and their number.
   */
  readonly lastResort?: {
    readonly mentions: number;
    readonly fields: readonly { field: RuleField; found: readonly string[] }[];
  };
  /** With a learned model: its score for the topic, what it did with it, and the terms that weighed most. */
  readonly model?: ModelOpinion;
}

/** The learned model's opinion on one topic of a paper. */
export interface ModelOpinion {
  /** The classifier's score, and the probability its calibration makes of it. */
  readonly score: number;
  readonly probability: number;
  readonly addAt: number;
  readonly dropAt: number;
  /** `added` when the rules did not file the topic and the probability reached `addAt`; `removed` when they did and it was at most `dropAt`. */
  readonly verdict: 'added' | 'removed' | 'agreed';
  readonly terms: readonly TermContribution[];
}

/** How many of a paper's terms `explainTopics` quotes for the model's opinion on a topic. */
const QUOTED_TERMS = 6;

/**
 * Every topic that a rule (even one its `unless` phrases stopped), the record's own `topics`, its
 * `excludedTopics` or the learned model names for this paper, in taxonomy order, with the evidence; the
 * fallback when it is what the paper gets. For a maintainer's questions (it collects every phrase
 * found), not the build.
 */
export function explainTopics(paper: PaperForTopics, compiled: CompiledTaxonomy): TopicExplanation[] {
  const byRules = explainRules(paper, compiled);
  const model = compiled.model;
  if (model === undefined) return byRules;
  const filed = new Set(topicsFor(paper, compiled, () => {}));
  const scores = topicScores(model, paper);
  const byTopic = new Map(byRules.map((explanation) => [explanation.topic, explanation]));
  return compiled.ids.flatMap((topic, position): TopicExplanation[] => {
    const explanation = byTopic.get(topic);
    const score = scores[position] as number;
    const base = explanation ?? { topic, own: false, excluded: false, rules: [], outrankedBy: [] };
    // A topic without a classifier, the fallback among them, is filed as the rules and the other topics leave it.
    if (Number.isNaN(score))
      return explanation || filed.has(topic) ? [{ ...base, filed: filed.has(topic) }] : [];
    const byRulesFiled = explanation?.filed ?? false;
    const verdict =
      !byRulesFiled && filed.has(topic) && !explanation?.own
        ? 'added'
        : byRulesFiled && !filed.has(topic) && !explanation?.excluded
          ? 'removed'
          : 'agreed';
    if (explanation === undefined && verdict === 'agreed') return [];
    const opinion: ModelOpinion = {
      score,
      probability: probabilityOf(model, position, score),
      addAt: model.addAt,
      dropAt: model.dropAt,
      verdict,
      terms: strongestTerms(model, position, paper, QUOTED_TERMS),
    };
    return [{ ...base, filed: filed.has(topic), model: opinion }];
  });
}

/** `explainTopics` by the rules alone: what the paper gets before the model's opinion. */
function explainRules(paper: PaperForTopics, compiled: CompiledTaxonomy): TopicExplanation[] {
  const ignore = () => {};
  const own = new Set(positionsOf(paper.topics, 'topics', paper, compiled, ignore));
  const excluded = new Set(
    positionsOf(paper.excludedTopics ?? [], 'excludedTopics', paper, compiled, ignore),
  );
  const fields = paperFields(paper);
  const scan = scanPaper(fields, compiled, true);
  const strength = topicEvidence(
    [...own],
    [...excluded],
    (rule) => ruleMatches(rule, fields, compiled, scan),
    compiled,
  );
  const strongTopics = compiled.ids.filter((_, position) => strength[position] === STRONG);
  const explanations = compiled.rulesOfTopic.flatMap((rules, position): TopicExplanation[] => {
    const evidence = rules.flatMap((rule) => ruleEvidence(rule, fields, compiled, scan) ?? []);
    if (evidence.length === 0 && !own.has(position) && !excluded.has(position)) return [];
    const topic = compiled.ids[position] as string;
    const weakOnly = strength[position] === WEAK;
    const filed = strength[position] === STRONG || (weakOnly && strongTopics.length === 0);
    return [
      {
        topic,
        filed,
        own: own.has(position),
        excluded: excluded.has(position),
        rules: evidence,
        outrankedBy: weakOnly ? strongTopics : [],
      },
    ];
  });
  if (explanations.some((explanation) => explanation.filed)) return explanations;
  const lastResort = lastResortTopics([...excluded], compiled, scan);
  if (lastResort.length > 0) {
    const byTopic = new Map(explanations.map((explanation) => [explanation.topic, explanation]));
    return compiled.ids.flatMap((topic, position): TopicExplanation[] => {
      const explanation = byTopic.get(topic);
      if (!lastResort.includes(position)) return explanation ? [explanation] : [];
      const fields = RULE_FIELDS.flatMap((field, index) => {
        const found = scan.mentioned?.[position * FIELD_COUNT + index] ?? [];
        return found.length > 0 ? [{ field, found }] : [];
      });
      const base = explanation ?? { topic, own: false, excluded: false, rules: [], outrankedBy: [] };
      return [{ ...base, filed: true, lastResort: { mentions: mentionsOf(position, scan), fields } }];
    });
  }
  const fallback = {
    topic: compiled.fallbackId,
    filed: true,
    own: false,
    excluded: false,
    rules: [],
    outrankedBy: [],
  };
  return [...explanations, fallback];
}
