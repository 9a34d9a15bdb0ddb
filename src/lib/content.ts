import { getCollection } from 'astro:content';
import { buildDigest } from './digest.ts';
import { compileTaxonomy, topicsFor } from './topics.ts';

// Queried once per build at module scope; every page reads the same derived digest.
const [paperEntries, topicEntries] = await Promise.all([getCollection('papers'), getCollection('topics')]);
const taxonomy = topicEntries.map((entry) => entry.data);
const compiled = compileTaxonomy(taxonomy);

export const digest = buildDigest(paperEntries, taxonomy, ({ data, abstract }) =>
  topicsFor({ ...data, abstract }, compiled),
);

/** The display name of a topic slug. */
export function topicName(slug: string): string {
  return digest.topic(slug)?.topic.name ?? slug;
}
