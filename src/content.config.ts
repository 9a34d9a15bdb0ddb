import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { paperSchema } from './lib/model/paper.ts';
import { topicSchema } from './lib/model/topic.ts';
import { settings } from './settings.ts';

const papers = defineCollection({
  // Entries keep Astro's path-based ids, so two files claiming one paper id both reach buildDigest,
  // which stops the build naming both (Astro itself would keep one and only warn). Bodies are
  // rendered by our own sanitizing pipeline (src/lib/render/), never by Astro's Markdown processor,
  // which passes raw HTML through; deferRender keeps Astro from rendering them at all.
  loader: glob({
    // The e2e suite adds its fixture papers and the benchmark its generated ones (PAPERBOY_CONTENT).
    pattern: settings.contentGlobs,
    // Ids stay full paths from the project root: Astro keeps a cached entry whose id and text are
    // unchanged even if its file moved, so ids relative to a switchable folder would go stale.
    base: '.',
    deferRender: true,
  }),
  schema: paperSchema,
});

const topics = defineCollection({
  loader: file('./content/topics.yaml'),
  schema: topicSchema,
});

export const collections = { papers, topics };
