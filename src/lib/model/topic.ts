import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import { TOPIC_SLUG } from './id-patterns.ts';

/** The fields of a record a phrase rule can search, in the order rules list them. */
export const RULE_FIELDS = ['title', 'keywords', 'abstract'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

const atLeastOnce = z.number().int().positive();

/**
 * One rule of a topic: a paper matches it when one of the `where` fields holds the rule's phrases at
 * least as often as that field's number, none of those fields holds an `unless` phrase, and (when the
 * rule names categories) the paper has one of them. A `weak` rule's match gives way to another topic's
 * strong evidence.
 */
/** Words an `after` phrase may end before a phrase of its rule when the rule does not say `within`. */
export const DEFAULT_AFTER_WITHIN = 8;

export const topicRuleSchema = z
  .object({
    /** Words or phrases, matched case-insensitively as whole words (see site/topics.ts). */
    phrases: z.array(z.string().trim().min(1)).default([]),
    /**
     * Where the phrases count and how often each field must hold them, e.g. `{ title: 1, abstract: 2 }`:
     * once in the title, or twice in the abstract. A field left out is not searched. Default: once
     * anywhere in the title, keywords or abstract.
     */
    where: z
      .object({ title: atLeastOnce, keywords: atLeastOnce, abstract: atLeastOnce })
      .partial()
      .strict()
      .refine((where) => Object.keys(where).length > 0, 'name at least one of title, keywords, abstract')
      .optional(),
    /**
     * Phrases that stop the rule when one of them occurs in a field it searches: `[diffusion]` in the
     * title unless `[video, 3D]`. For the words a topic shares with its neighbours.
     */
    unless: z.array(z.string().trim().min(1)).default([]),
    /**
     * Match the phrases (and `unless` phrases) only with the capitals as written: for acronyms that are
     * also words (`RoPE` and "ropes", `SAM` and "Sam", `RAG` and "rag").
     */
    matchCase: z.boolean().default(false),
    /** arXiv categories (`cs.RO`) or whole archives (`q-bio`). */
    categories: z.array(z.string().trim().min(1)).default([]),
    /**
     * The rule's match is weak evidence (a generic word counted in the abstract): a topic that only
     * weak rules match is filed only when no other topic of the paper has strong evidence (a rule that
     * is not weak, or the record's own `topics`). See site/topics.ts.
     */
    weak: z.boolean().default(false),
    /**
     * Phrases that must come just before: a phrase of the rule counts only where one of these ends at
     * most `within` words before it (default 8), in the same sentence. For a contribution named in an
     * abstract: `[benchmark]` after `[we introduce, we construct]` ("we introduce X-Bench, a benchmark").
     */
    after: z.array(z.string().trim().min(1)).optional(),
    within: z.number().int().positive().max(30).optional(),
  })
  .strict()
  .refine((rule) => rule.phrases.length + rule.categories.length > 0, 'a rule needs phrases or categories')
  .refine((rule) => rule.where === undefined || rule.phrases.length > 0, '`where` needs phrases to count')
  .refine((rule) => rule.unless.length === 0 || rule.phrases.length > 0, '`unless` needs phrases to stop')
  .refine((rule) => rule.after === undefined || rule.phrases.length > 0, '`after` needs phrases to precede')
  .refine((rule) => rule.within === undefined || rule.after !== undefined, '`within` needs `after` phrases');

export type TopicRule = z.output<typeof topicRuleSchema>;

/**
 * The most pages a former id may declare: more than the largest topic of a 200,000-paper site has at
 * the default page size, so a typo (`pages: 20000` for `200`) stops the build instead of writing
 * thousands of redirect pages.
 */
export const MAX_FORMER_TOPIC_PAGES = 10_000;

/**
 * An id a topic had before a rename, merge or split: its URLs (`/topics/<id>/`, each numbered page up
 * to `pages`, and its three feeds) keep answering and lead to the topic that lists it.
 */
export const formerTopicIdSchema = z
  .object({
    id: z.string().regex(TOPIC_SLUG, 'expected a topic slug like "language-tasks"'),
    /** How many pages the topic had at that id (its last page number), so every old page keeps an answer. */
    pages: z
      .number()
      .int()
      .positive()
      .max(MAX_FORMER_TOPIC_PAGES, `expected at most ${MAX_FORMER_TOPIC_PAGES.toLocaleString('en')} pages`),
  })
  .strict();

export type FormerTopicId = z.output<typeof formerTopicIdSchema>;

/**
 * The last resort, set on the fallback topic: a paper no rule files (it would be filed only under the
 * fallback) goes instead to the topic whose phrases it mentions most, counting every phrase of every
 * rule of the topic once per occurrence in the title, keywords and abstract, without the `where` counts,
 * `after`, `unless` and categories that kept the rules from matching. Ties are all filed. Only when that
 * topic has at least `mentions` occurrences; else the paper stays in the fallback. A topic with
 * `lastResort: false` is never given this way.
 */
export const lastResortSchema = z
  .object({
    /** The fewest occurrences of a topic's phrases that file a paper under it as a last resort. */
    mentions: z.number().int().min(1),
  })
  .strict();

export type LastResort = z.output<typeof lastResortSchema>;

/** One entry of `content/topics.yaml`, the taxonomy that files papers under topics. */
export const topicSchema = z
  .object({
    id: z.string().regex(TOPIC_SLUG, 'expected a topic slug like "agents"'),
    name: z.string().trim().min(1),
    description: z.string().trim().min(1),
    /** Rules that file a paper under this topic, any one of them is enough; a paper's own `topics` count too. */
    match: z.array(topicRuleSchema).default([]),
    /** The one catch-all topic for papers that no rule matches. */
    fallback: z.boolean().default(false),
    /**
     * On the fallback topic: the last resort for papers no rule files (`{ mentions: 3 }`, see
     * `lastResortSchema`); none when absent. On another topic, `false` keeps the last resort from
     * giving it (a topic whose phrases are too common to stand for it alone).
     */
    lastResort: z.union([z.literal(false), lastResortSchema]).optional(),
    /** Ids this topic had before; each old id leads here (a split topic is listed by its largest successor). */
    formerIds: z.array(formerTopicIdSchema).default([]),
  })
  .strict();

export type TopicData = z.output<typeof topicSchema>;

/**
 * Reads a taxonomy file's text: a YAML list of topics, each validated by `topicSchema`. Throws one
 * error naming the file, the topic and the field of every problem (`content/topics.yaml: topic 3
 * (agents): match.1.where.title: …`), so a maintainer's typo is found at once.
 */
export function parseTaxonomy(text: string, file = 'content/topics.yaml'): TopicData[] {
  const entries: unknown = parseYaml(text);
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a YAML list of topics`);
  const problems: string[] = [];
  const topics = entries.flatMap((entry: unknown, index) => {
    const parsed = topicSchema.safeParse(entry);
    if (parsed.success) return [parsed.data];
    const id = (entry as { id?: unknown } | null)?.id;
    const name = `topic ${index + 1}${typeof id === 'string' ? ` (${id})` : ''}`;
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      problems.push(`${file}: ${name}: ${field}${issue.message}`);
    }
    return [];
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return topics;
}

/** What the former-id rules read of a topic. */
type TopicIds = Pick<TopicData, 'id' | 'fallback' | 'formerIds'>;

/**
 * Every id the taxonomy answers to, current and former, mapped to the topic that holds it now.
 * Throws when an id would lead to two places: a current id listed twice, a former id that is also a
 * current one (its URLs are that topic's own pages), a former id listed twice (an old URL has one
 * successor), or a former id on the fallback (the fallback keeps its id, so nothing is renamed into it).
 */
function indexTopicIds<Topic extends TopicIds>(topics: readonly Topic[]): Map<string, Topic> {
  const byId = new Map<string, Topic>();
  for (const topic of topics) {
    if (byId.has(topic.id)) throw new Error(`Topic "${topic.id}" is defined more than once in the taxonomy.`);
    byId.set(topic.id, topic);
  }
  for (const topic of topics) {
    if (topic.fallback && topic.formerIds.length > 0) {
      throw new Error(
        `The fallback topic "${topic.id}" lists former ids (${topic.formerIds.map((former) => `"${former.id}"`).join(', ')}): ` +
          'the fallback keeps its id, and a retired topic names as its successor the topic that took most of its papers.',
      );
    }
    for (const former of topic.formerIds) {
      const holder = byId.get(former.id);
      if (holder === undefined) {
        byId.set(former.id, topic);
        continue;
      }
      const clash = topics.some((current) => current.id === former.id)
        ? `is the id of the current topic "${former.id}", whose URLs are its own pages`
        : holder === topic
          ? 'is listed twice'
          : `is already a former id of "${holder.id}"; an old URL leads to exactly one successor`;
      throw new Error(`Topic "${topic.id}" lists the former id "${former.id}", which ${clash}.`);
    }
  }
  return byId;
}

/** Throws unless every former id leads to exactly one current topic (see `indexTopicIds`). */
export function validateFormerIds(topics: readonly TopicIds[]): void {
  indexTopicIds(topics);
}

/**
 * Resolves any id a topic has had, current or former, to the topic that holds it now: build it once
 * per taxonomy, then each look-up is O(1). Throws on a taxonomy `validateFormerIds` rejects.
 */
export function topicResolver<Topic extends TopicIds>(
  topics: readonly Topic[],
): (id: string) => Topic | undefined {
  const byId = indexTopicIds(topics);
  return (id) => byId.get(id);
}
