import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { storedFeedSchema } from './lib/model/feed-query.ts';
import { paperSchema } from './lib/model/paper.ts';
import { retractionListSchema } from './lib/model/retraction.ts';
import { topicSchema } from './lib/model/topic.ts';
import { paperLoader, retractionLoader } from './lib/store/astro-loader.ts';
import { feedsLoader } from './lib/store/feeds-loader.ts';
import { retractionGlobs } from './lib/store/retractions.ts';
import { settings } from './settings.ts';

const papers = defineCollection({
  // Our own loader: records are read with the store's reader and never rendered by Astro (bodies are
  // rendered by our sanitizing pipeline, src/lib/render/; Astro's Markdown processor passes raw HTML
  // through). The e2e suite adds its fixture papers and the benchmark its generated ones
  // (PAPERBOY_CONTENT).
  loader: paperLoader({ patterns: settings.contentGlobs, root: settings.root }),
  schema: paperSchema,
});

// The tombstones of retracted papers, beside the day folders of each store the paper globs read
// (`content/papers/retracted/*.yaml`), as one entry: listed nowhere, their URLs show a withdrawn page.
const retractions = defineCollection({
  loader: retractionLoader({ patterns: retractionGlobs(settings.contentGlobs), root: settings.root }),
  schema: retractionListSchema,
});

const topics = defineCollection({
  loader: file('./content/topics.yaml'),
  schema: topicSchema,
});

/** The custom feeds: saved queries, each with a page and feeds at /feeds/<id>/. */
const feeds = defineCollection({
  loader: feedsLoader({ file: 'content/feeds.yaml', root: settings.root }),
  schema: storedFeedSchema,
});

export const collections = { papers, retractions, topics, feeds };
