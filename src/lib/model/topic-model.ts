import { z } from 'astro/zod';
import { TOPIC_SLUG } from './id-patterns.ts';

/** Where the build reads the learned topic model; without this file, the rules alone file papers. */
export const TOPIC_MODEL_FILE = 'content/topic-model.json';

/** The fields of a paper the model reads, each with the prefix its terms carry in the model file. */
export const MODEL_FIELDS = { title: 't', keywords: 'k', abstract: 'a' } as const;
export type ModelField = keyof typeof MODEL_FIELDS;

/** A term as the model writes it: its field's prefix and one word or two words of site/topic-model.ts. */
const TERM_KEY = /^[tka]:[\p{L}\p{N}]{2,}(?: [\p{L}\p{N}]{2,})?$/u;
const finite = z.number().finite();

/**
 * `content/topic-model.json`, written by `npm run topics -- --train` from hand-labelled papers: one
 * linear classifier per topic over the words and word pairs of a paper's title, keywords and abstract,
 * its score turned into a probability by the topic's calibration (site/topic-model.ts reads it). The
 * rules of `content/topics.yaml` stay first; the model adds a topic whose probability reaches `addAt`
 * and removes a rule's topic whose probability is at most `dropAt`.
 */
export const topicModelSchema = z
  .object({
    /** What wrote the file and from what, for the maintainer who opens it. */
    about: z.string(),
    /** How many labelled papers the model was trained on. */
    trainedOn: z.number().int().nonnegative(),
    /** Per field, how much its terms weigh together (0 leaves the field out). */
    fieldWeights: z
      .object({ title: finite.min(0), keywords: finite.min(0), abstract: finite.min(0) })
      .strict(),
    /** The probability at or above which the model adds a topic the rules did not give. */
    addAt: finite.gt(0).lt(1),
    /** The probability at or below which the model removes a topic the rules gave. */
    dropAt: finite.gt(0).lt(1),
    /** Per topic the model has a classifier for: its bias. */
    bias: z.record(z.string(), finite),
    /**
     * Per topic, Platt's sigmoid `[A, B]`, fitted on scores of papers the classifier was not trained on:
     * the probability of a score `s` is `1 / (1 + exp(A s + B))`.
     */
    calibration: z.record(z.string(), z.tuple([finite, finite])),
    /** Per term (`t:`, `k:` or `a:` and the lower-cased word or word pair): its weight for each topic. */
    terms: z.record(z.string(), z.record(z.string(), finite)),
  })
  .strict()
  .refine((model) => model.dropAt < model.addAt, 'dropAt must be below addAt')
  .superRefine((model, context) => {
    const problem = (path: string[], message: string) => context.addIssue({ code: 'custom', path, message });
    for (const topic of Object.keys(model.bias)) {
      if (!TOPIC_SLUG.test(topic)) problem(['bias', topic], 'expected a topic slug like "agents"');
      if (!(topic in model.calibration)) problem(['calibration'], `"${topic}" has a bias and no calibration`);
    }
    for (const topic of Object.keys(model.calibration))
      if (!(topic in model.bias)) problem(['calibration', topic], `"${topic}" has a calibration and no bias`);
    for (const [term, weights] of Object.entries(model.terms)) {
      if (!TERM_KEY.test(term))
        problem(['terms', term], 'expected a field prefix (t:, k:, a:) and one or two words');
      for (const topic of Object.keys(weights))
        if (!(topic in model.bias))
          problem(['terms', term, topic], `"${topic}" has no bias: every topic a term weighs must have one`);
    }
  });

export type TopicModelData = z.output<typeof topicModelSchema>;

/** Reads the model file's text; throws one error naming the file and the field of every problem. */
export function parseTopicModel(text: string, file = TOPIC_MODEL_FILE): TopicModelData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = topicModelSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(
    parsed.error.issues
      .map((issue) => `${file}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
      .join('\n'),
  );
}
