import { z } from 'astro/zod';
import { TOPIC_SLUG } from './paper.ts';

/** One entry of `content/topics.yaml`, the taxonomy that files papers under topics. */
export const topicSchema = z
  .object({
    id: z.string().regex(TOPIC_SLUG, 'expected a topic slug like "language-tasks"'),
    name: z.string().trim().min(1),
    description: z.string().trim().min(1),
    /** Rules that file a paper under this topic; a paper's own `topics` always count too. */
    match: z
      .object({
        /** Words or phrases, matched case-insensitively as whole words in title, abstract and keywords. */
        phrases: z.array(z.string().trim().min(1)).default([]),
        /** arXiv categories (`cs.CL`) or whole archives (`q-bio`). */
        categories: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .default({ phrases: [], categories: [] }),
    /** The one catch-all topic for papers that no rule matches. */
    fallback: z.boolean().default(false),
  })
  .strict();

export type TopicData = z.output<typeof topicSchema>;
