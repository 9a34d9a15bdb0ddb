import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { paperSchema } from './lib/paper-schema.ts';
import { topicSchema } from './lib/topic-schema.ts';

const papers = defineCollection({
  // The record's own id is its URL; Astro's default id would lower-case it and add the day folder.
  // Bodies are rendered by our own sanitizing pipeline (src/lib/render.ts), never by Astro's Markdown
  // processor, which passes raw HTML through; deferRender keeps Astro from rendering them at all.
  loader: glob({
    pattern: '**/*.md',
    // PAPERBOY_CONTENT points the build at another folder of papers (the benchmark uses it).
    base: process.env.PAPERBOY_CONTENT ?? './content/papers',
    generateId: ({ data, entry }) => (typeof data.id === 'string' ? data.id : entry),
    deferRender: true,
  }),
  schema: paperSchema,
});

const topics = defineCollection({
  loader: file('./content/topics.yaml'),
  schema: topicSchema,
});

export const collections = { papers, topics };
