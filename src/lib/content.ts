import { getCollection } from 'astro:content';
import { buildDigest } from './digest.ts';
import { compileTaxonomy, topicsFor } from './topics.ts';

// Queried once per build at module scope; every page reads the same derived digest.
const [paperEntries, topicEntries] = await Promise.all([getCollection('papers'), getCollection('topics')]);
const taxonomy = topicEntries.map((entry) => entry.data);
const compiled = compileTaxonomy(taxonomy);

const papers = paperEntries.map((entry) => ({
  id: entry.data.id,
  data: entry.data,
  body: entry.body,
  file: entry.filePath,
}));
export const digest = buildDigest(papers, taxonomy, ({ data, abstract }) =>
  topicsFor({ ...data, abstract }, compiled),
);

const topicNames = new Map(taxonomy.map((topic) => [topic.id, topic.name]));

/** The display name of a topic slug (every slug a paper has is in the taxonomy: buildDigest checks). */
export function topicName(slug: string): string {
  return topicNames.get(slug) as string;
}
