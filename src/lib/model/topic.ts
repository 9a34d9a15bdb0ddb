import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import { TOPIC_SLUG } from './paper.ts';

/** The fields of a record a phrase rule can search, in the order rules list them. */
export const RULE_FIELDS = ['title', 'keywords', 'abstract'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

const atLeastOnce = z.number().int().positive();

/**
 * One rule of a topic: a paper matches it when one of the `where` fields holds the rule's phrases at
 * least as often as that field's number, none of those fields holds an `unless` phrase, and (when the
 * rule names categories) the paper has one of them.
 */
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
  })
  .strict()
  .refine((rule) => rule.phrases.length + rule.categories.length > 0, 'a rule needs phrases or categories')
  .refine((rule) => rule.where === undefined || rule.phrases.length > 0, '`where` needs phrases to count')
  .refine((rule) => rule.unless.length === 0 || rule.phrases.length > 0, '`unless` needs phrases to stop');

export type TopicRule = z.output<typeof topicRuleSchema>;

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
